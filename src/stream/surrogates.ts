const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Finds unpaired UTF-16 surrogates in text arriving in pieces: a pair split between two pieces is
 * fine, a high surrogate at the very end or a low one without its high half is not.
 */
export class SurrogateCheck {
  /** Whether the last piece ended with a high surrogate still waiting for its low half. */
  pending = false;

  /** Index in `text` of an unpaired surrogate, or -1. Costs one regex test for text without any. */
  find(text: string): number {
    if (text === '') {
      return -1;
    }
    const joined = this.pending;
    if (joined) {
      const low = text.charCodeAt(0);
      if (low < 0xdc00 || low > 0xdfff) {
        return 0;
      }
    }
    this.pending = false;
    if (!ANY_SURROGATE.test(text)) {
      return -1;
    }
    UNPAIRED.lastIndex = joined ? 1 : 0;
    const match = UNPAIRED.exec(text);
    if (match === null) {
      return -1;
    }
    if (match.index === text.length - 1 && text.charCodeAt(match.index) <= 0xdbff) {
      // A high surrogate at the very end: its low half may start the next piece.
      this.pending = true;
      return -1;
    }
    return match.index;
  }
}

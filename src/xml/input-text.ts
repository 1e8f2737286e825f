/** A piece of text ready for the reader, and where its first forbidden character is (-1: none). */
export interface InputPiece {
  readonly text: string;
  readonly forbidden: number;
}

// What XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE/FFFF), and every surrogate, whose
// pairing is checked apart. One scan finds both.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;
const LINE_END = /\r\n?/g;

/**
 * Index of the first character of `text` that is not an XML character: a forbidden control or
 * noncharacter, or a surrogate without its other half. -1 when there is none.
 */
export function firstForbidden(text: string): number {
  SUSPECT.lastIndex = 0;
  for (let match = SUSPECT.exec(text); match !== null; match = SUSPECT.exec(text)) {
    const code = text.charCodeAt(match.index);
    const next = text.charCodeAt(match.index + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      SUSPECT.lastIndex = match.index + 2;
      continue;
    }
    return match.index;
  }
  return -1;
}

/**
 * Text arriving in pieces, made ready for the incremental reader exactly as the buffered decoder
 * sees a whole body: one byte-order mark at the very start skipped, line ends normalised to LF
 * (XML 1.0 §2.11: CR LF and lone CR), and forbidden characters located. A CR or a high surrogate at
 * the end of a piece is held back until the next piece says what it is.
 */
export class InputText {
  private started = false;
  private held = '';

  /** The next piece of input, normalised. */
  next(piece: string): InputPiece {
    let text = this.held === '' ? piece : this.held + piece;
    this.held = '';
    if (!this.started && text !== '') {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    const last = text.charCodeAt(text.length - 1);
    if (last === 13 || (last >= 0xd800 && last <= 0xdbff)) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text.indexOf('\r') !== -1) {
      text = text.replace(LINE_END, '\n');
    }
    return { text, forbidden: firstForbidden(text) };
  }

  /** What was held back, once the input has ended: a CR is a line end, a high surrogate is unpaired. */
  end(): InputPiece {
    const held = this.held;
    this.held = '';
    if (held === '\r') {
      return { text: '\n', forbidden: -1 };
    }
    return { text: held, forbidden: held === '' ? -1 : 0 };
  }
}

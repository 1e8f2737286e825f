import type { ParsePosition } from '../errors/dav-parse-error.ts';
import { InputText } from './input-text.ts';
import { snippetAt } from './position.ts';

// Characters of earlier input kept for error snippets.
const SNIPPET_CONTEXT = 60;

// Below this many characters held, a new piece is always read at once.
const QUEUE_FROM = 1024;

/**
 * The input of an {@link XmlReader}: the text not consumed yet, and where it stands in the whole body.
 *
 * A piece of markup or text that spans many pieces of input (a 10 MB property value, or a body that
 * trickles in a few bytes at a time) would be copied and searched again with every piece appended to
 * it: quadratic. So once more than `QUEUE_FROM` characters are held unfinished, new pieces wait in a
 * queue until they are as long as what is held, and are then appended at once: each character is
 * copied a bounded number of times, at the price of holding up to twice as much.
 */
export class ReaderBuffer {
  /** The input from the first unconsumed character on. */
  text = '';
  /** Index in `text` of the first unconsumed character. */
  pos = 0;
  /** Where reading must stop: `text.length`, or the first character XML forbids. */
  end = 0;
  /** Index in `text` of the first forbidden character, or -1. */
  forbidden = -1;
  /** Offset of `text[0]` in the whole input. */
  base = 0;
  private readonly input = new InputText();
  private queue: string[] = [];
  private queued = 0;
  private line = 1;
  private lineStart = 0;
  private before = '';

  /**
   * Takes the next piece of input (`final`: the end of the input); `false` when it was only queued,
   * so that there is nothing new to read yet.
   */
  push(raw: string, final: boolean): boolean {
    const piece = final ? this.input.end() : this.input.next(raw);
    const held = this.text.length - this.pos;
    if (!final && piece.forbidden === -1 && held > QUEUE_FROM && this.queued + piece.text.length < held) {
      this.queue.push(piece.text);
      this.queued += piece.text.length;
      return false;
    }
    this.compact();
    let added = piece.text;
    let forbidden = piece.forbidden;
    if (this.queue.length > 0) {
      const queued = this.queue.join('');
      added = queued + added;
      forbidden = forbidden === -1 ? -1 : queued.length + forbidden;
      this.queue = [];
      this.queued = 0;
    }
    const offset = this.text.length;
    this.text = offset === 0 ? added : this.text + added;
    if (forbidden !== -1 && this.forbidden === -1) {
      this.forbidden = offset + forbidden;
    }
    this.end = this.forbidden === -1 ? this.text.length : this.forbidden;
    return true;
  }

  /** Characters received and not yet consumed from `index` on, queued ones included. */
  heldFrom(index: number): number {
    return this.end - index + this.queued;
  }

  /** Offset in the whole input just past everything received. */
  get received(): number {
    return this.base + this.end + this.queued;
  }

  /** Drops the consumed input, counting its lines and keeping its last characters (for errors). */
  private compact(): void {
    const { text, pos } = this;
    if (pos === 0) {
      return;
    }
    for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = this.base + i + 1;
    }
    this.before = (this.before + text.slice(Math.max(0, pos - SNIPPET_CONTEXT), pos)).slice(-SNIPPET_CONTEXT);
    this.text = text.slice(pos);
    this.base += pos;
    this.pos = 0;
    this.forbidden = this.forbidden === -1 ? -1 : this.forbidden - pos;
  }

  /** The position of `index` (in `text`) in the whole input, and a snippet of the input around it. */
  where(index: number): { position: ParsePosition; snippet: string } {
    const { text } = this;
    let line = this.line;
    let lineStart = this.lineStart;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = this.base + i + 1;
    }
    const offset = this.base + index;
    const window = this.before + text.slice(0, Math.min(text.length, index + SNIPPET_CONTEXT));
    return {
      position: { offset, line, column: offset - lineStart + 1 },
      snippet: snippetAt(window, this.before.length + index),
    };
  }
}

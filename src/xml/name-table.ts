import { detached } from '../utils/detach.ts';

const SLOTS = 256;

/**
 * The element names of a document, read from the text without copying a name already seen.
 *
 * A listing repeats a few dozen names hundreds of thousands of times. Slicing each occurrence out of
 * the text makes a new string that must be hashed again wherever it is looked up (the namespace
 * scope's name cache); comparing the text with the name last seen in the same slot (a hash of the
 * name's first and last characters and length) hands back the same string instead.
 */
export class NameTable {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  /** The name from `start` to `end` in `text`. */
  name(text: string, start: number, end: number): string {
    const length = end - start;
    const slot = (text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + length) & (SLOTS - 1);
    const known = this.slots[slot];
    if (known !== undefined && known.length === length && text.startsWith(known, start)) {
      return known;
    }
    // A copy: the table keeps its names, and must not keep the input they were read from.
    const name = detached(text.slice(start, end));
    this.slots[slot] = name;
    return name;
  }
}

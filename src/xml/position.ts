import type { ParsePosition } from '../errors/dav-parse-error.ts';

const SNIPPET_RADIUS = 60;

/** Line and column (both from 1) of an offset in a text. Computed only when an error is reported. */
export function positionAt(text: string, offset: number): ParsePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

/** A short, single-line excerpt around an offset, for error messages. */
export function snippetAt(text: string, offset: number): string {
  const start = Math.max(0, offset - SNIPPET_RADIUS);
  const end = Math.min(text.length, offset + SNIPPET_RADIUS);
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

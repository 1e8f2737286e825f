import { SECRET_HEADERS } from '../utils/redact.ts';

/**
 * Merges header records case-insensitively, later sources winning. Names come out in lower case;
 * an `undefined` value removes a header set by an earlier source.
 */
export function mergeHeaders(
  ...sources: ReadonlyArray<Readonly<Record<string, string | undefined>> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value === undefined) {
        delete merged[name.toLowerCase()];
      } else {
        merged[name.toLowerCase()] = value;
      }
    }
  }
  return merged;
}

/** Response headers as a plain record, secrets left out. */
export function plainHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) {
      plain[name] = value;
    }
  });
  return plain;
}

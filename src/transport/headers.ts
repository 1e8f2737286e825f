import { SECRET_HEADERS } from '../utils/redact.ts';

/**
 * Merges header records case-insensitively, later sources winning. Names come out in lower case;
 * an `undefined` value removes a header set by an earlier source.
 *
 * @example
 * ```ts
 * mergeHeaders({ Depth: '1', 'X-A': 'a' }, { depth: '0', 'x-a': undefined }); // { depth: '0' }
 * ```
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

/**
 * Response headers as a plain record, secrets left out.
 *
 * @example
 * ```ts
 * plainHeaders(response.headers); // { etag: '"e1"', … } without set-cookie or www-authenticate
 * ```
 */
export function plainHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) {
      plain[name] = value;
    }
  });
  return plain;
}

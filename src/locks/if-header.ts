/** One condition of an `If` list: a state (lock) token or an entity tag, optionally negated. */
export type IfCondition =
  | { readonly token: string; readonly not?: boolean }
  | { readonly etag: string; readonly not?: boolean };

/** The lists that apply to one resource: the header is true for it when any list is all true. */
export interface TaggedIfList {
  /** The resource: an absolute URL (what every server accepts as a Resource-Tag). */
  readonly resource: string;
  /** Alternatives (OR), each a conjunction (AND) of conditions. */
  readonly lists: readonly (readonly IfCondition[])[];
}

/**
 * `<token>`: a Coded-URL. Tokens are stored without angle brackets.
 *
 * @example
 * ```ts
 * codedUrl('opaquelocktoken:1234'); // '<opaquelocktoken:1234>'
 * ```
 */
export function codedUrl(token: string): string {
  return `<${token}>`;
}

function condition(item: IfCondition): string {
  const value = 'token' in item ? codedUrl(item.token) : `[${item.etag}]`;
  return item.not ? `Not ${value}` : value;
}

/**
 * Builds a **tagged** `If` header: `<https://host/dav/a.txt> (<opaquelocktoken:…> ["etag"]) (Not <…>)`.
 *
 * davkit sends tagged lists only. Untagged lists apply to whatever the server decides the request
 * touches: Apache also applies them to the parent collection (and answers 412 or 424), and
 * webdav-server crashes on them. The one exception is a LOCK refresh to a server that refused the
 * tagged form with 400 (see `buildRefreshLock`'s `untagged`).
 *
 * @example
 * ```ts
 * buildIfHeader([{ resource: 'https://host/dav/a.txt', lists: [[{ token: 'opaquelocktoken:1234' }]] }]);
 * // '<https://host/dav/a.txt> (<opaquelocktoken:1234>)'
 * buildIfHeader([{ resource: 'https://host/dav/a.txt', lists: [[{ etag: '"abc"', not: true }]] }]);
 * // '<https://host/dav/a.txt> (Not ["abc"])'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.4
 */
export function buildIfHeader(resources: readonly TaggedIfList[]): string {
  return resources
    .filter((resource) => resource.lists.length > 0)
    .map((resource) => {
      const lists = resource.lists.map((list) => `(${list.map(condition).join(' ')})`).join(' ');
      return `${codedUrl(resource.resource)} ${lists}`;
    })
    .join(' ');
}

/**
 * Reads a `Lock-Token` response header into the bare token. Servers send `<opaquelocktoken:…>`
 * (Apache, SabreDAV), `<urn:…>` (nginx), `<1795301444>` (rclone: a bare number) or `urn:uuid:…`
 * without angle brackets (webdav-server).
 *
 * @example
 * ```ts
 * parseLockTokenHeader('<opaquelocktoken:e71d4fae>'); // 'opaquelocktoken:e71d4fae'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.5
 */
export function parseLockTokenHeader(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  const match = /^<([^>]*)>$/.exec(trimmed);
  return match ? match[1] : trimmed;
}

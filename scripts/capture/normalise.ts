/**
 * Makes captured bodies deterministic. The capture pins every file's and collection's mtime to
 * {@link FIXED_TIME} (so `getlastmodified` and the mtime-based ETags of Apache, rclone and
 * webdav-server are stable as sent); what is left is replaced here by stable values that keep the
 * server's own format: the port, the random names of `freshCollection`, creation dates (ctime) and
 * any date a server took before the pin,
 * lock tokens (in their scheme: `opaquelocktoken:`, `urn:uuid:`, nginx's `urn:<hex>`, rclone's bare
 * number), remaining lock timeouts, and SabreDAV's disk quota.
 */

/** The mtime pinned on every captured resource: 2025-01-06T10:00:00Z. */
export const FIXED_TIME = new Date('2025-01-06T10:00:00Z');

const FIXED_ISO = '2025-01-06T10:00:00';
const FIXED_HTTP_DATE = 'Mon, 06 Jan 2025 10:00:00 GMT';
// rclone reports a directory's mtime as of its first listing, before the capture pinned it.
const HTTP_DATE = /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g;
const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?/g;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const TIMEOUT = /(<(?:[\w.-]+:)?timeout>\s*Second-)(\d+)/g;
const QUOTA = /(<(?:[\w.-]+:)?quota-(used|available)-bytes>)\d+/g;

function fixedUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The stable stand-in of the n-th lock token, in the token's own scheme. */
function tokenFor(token: string, n: number): string {
  const uuid = new RegExp(`^(.*?)${UUID}(.*)$`).exec(token);
  if (uuid !== null) {
    return `${uuid[1]}${fixedUuid(n)}${uuid[2]}`;
  }
  if (/^\d+$/.test(token)) {
    return String(1_000_000_000 + n); // rclone: a bare number
  }
  const hex = /^(urn:)([0-9a-f]+)$/.exec(token);
  if (hex !== null) {
    return `${hex[1]}${n.toString(16).padStart(hex[2]?.length ?? 8, '0')}`; // nginx: urn:<short hex>
  }
  return `token-${n}`;
}

/**
 * A remaining lock timeout, rounded up to what was granted: Apache counts down in seconds (599 →
 * 600), webdav-server reports milliseconds as seconds (3599988 → 3600000).
 */
function grantedTimeout(seconds: number): number {
  const step = seconds >= 100_000 ? 60_000 : 60;
  return Math.ceil(seconds / step) * step;
}

/** One server's normaliser; lock tokens are numbered in the order they are granted. */
export class Normaliser {
  private readonly literals = new Map<string, string>();
  private readonly tokens = new Map<string, string>();

  /** A random name (e.g. `list-1a2b3c4d`) and what it becomes (`list`). */
  fixName(random: string, fixed: string): void {
    this.literals.set(random, fixed);
  }

  /** The origin the server runs on (`http://127.0.0.1:<port>`) becomes port 8080. */
  fixOrigin(origin: string): void {
    const url = new URL(origin);
    this.literals.set(url.host, `${url.hostname}:8080`);
  }

  /** A lock token from a `Lock-Token` header. */
  addToken(token: string): void {
    if (!this.tokens.has(token)) {
      this.tokens.set(token, tokenFor(token, this.tokens.size + 1));
    }
  }

  /** The normalised text of a body, a path or a header. */
  apply(text: string): string {
    let out = text;
    for (const [from, to] of [...this.literals, ...this.tokens]) {
      out = out.split(from).join(to);
    }
    out = out.replace(ISO_DATE, (_m, fraction: string | undefined) =>
      fraction === undefined ? FIXED_ISO : `${FIXED_ISO}.${'0'.repeat(fraction.length - 1)}`,
    );
    out = out.replace(HTTP_DATE, FIXED_HTTP_DATE);
    out = out.replace(TIMEOUT, (_m, head: string, n: string) => `${head}${grantedTimeout(Number(n))}`);
    return out.replace(QUOTA, (_m, open: string, kind: string) =>
      kind === 'used' ? `${open}1048576` : `${open}1073741824`,
    );
  }
}

/**
 * rclone (Go maps) lists a resource's properties in a random order on every request. To keep its
 * fixtures stable, the children of each `<D:prop>` are sorted by their markup; nothing else changes.
 */
export function sortPropChildren(text: string): string {
  return text.replace(/(<D:prop>)(.*?)(<\/D:prop>)/gs, (_m, open: string, inner: string, close: string) => {
    return `${open}${topLevelElements(inner).sort().join('')}${close}`;
  });
}

/** Splits `<a>…</a><b/>…` into its top-level elements (the input has no text between them). */
function topLevelElements(xml: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const tag of xml.matchAll(/<(\/?)[^>]*?(\/?)>/g)) {
    const closing = tag[1] === '/';
    const selfClosing = tag[2] === '/';
    if (!closing && !selfClosing) {
      depth++;
    } else if (closing) {
      depth--;
    }
    if (depth === 0) {
      const end = (tag.index ?? 0) + tag[0].length;
      parts.push(xml.slice(start, end));
      start = end;
    }
  }
  return parts;
}

/**
 * Apache (APR hash tables) declares a response's namespaces in a different order in every process.
 * The declarations on each start tag are sorted; the prefixes and URIs are kept as sent.
 */
export function sortNamespaceDeclarations(text: string): string {
  return text.replace(/((?:\s+xmlns(?::[\w.-]+)?="[^"]*"){2,})/g, (run: string) => {
    const declarations = run.match(/\s+xmlns(?::[\w.-]+)?="[^"]*"/g) ?? [];
    return declarations
      .map((each) => each.trim())
      .sort()
      .map((each) => ` ${each}`)
      .join('');
  });
}

/** Per-server reordering that only undoes a server's own randomness. */
export const CANONICAL: Readonly<Record<string, (text: string) => string>> = {
  apache: sortNamespaceDeclarations,
  rclone: sortPropChildren,
};

/**
 * How a fact was learned:
 * - `'advertised'`: the server said so (OPTIONS headers, `DAV:supported-report-set`), nothing was tried;
 * - `'probed'`: davkit tried it and watched what happened (a request refused, a range written and read back);
 * - `'unknown'`: nothing could tell (the fact's value is then the cautious one).
 *
 * @group Client
 */
export type Provenance = 'advertised' | 'probed' | 'unknown';

/**
 * A way to write part of a resource:
 * - `'content-range'`: `PUT` with a `Content-Range` header (Apache mod_dav);
 * - `'sabredav-patch'`: `PATCH` with `X-Update-Range` (SabreDAV's PartialUpdate plugin).
 *
 * @group Client
 */
export type PartialUpdateMethod = 'content-range' | 'sabredav-patch';

/**
 * What ETags a server gives: `'strong'` (`"…"`), `'weak'` (`W/"…"`), `'none'`, or `'unknown'` when
 * the probe saw no resource of that kind.
 *
 * @group Client
 */
export type EtagKind = 'strong' | 'weak' | 'none' | 'unknown';

/**
 * The facts of {@link Capabilities} that can be learned in more than one way.
 *
 * @group Client
 */
export type CapabilityFact =
  | 'depthInfinity'
  | 'partialUpdate'
  | 'syncCollection'
  | 'search'
  | 'quota'
  | 'etags'
  | 'collectionEtags'
  | 'ctag'
  | 'ifMatchHonoured';

/**
 * What a WebDAV server can do for one collection, as learned by `dav.probe()`: plain, serialisable
 * data (JSON, `structuredClone`), so it can be stored and handed around.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.1 (DAV header)
 * @see https://www.rfc-editor.org/rfc/rfc6578#section-3.1 (sync-collection)
 *
 * @group Client
 */
export interface Capabilities {
  /** The absolute URL of the probed collection (no credentials). */
  readonly url: string;
  /** When the probe ran (ISO 8601). */
  readonly probedAt: string;
  /** Compliance classes from the `DAV` header, e.g. `['1', '2', '3']`. */
  readonly davClasses: readonly string[];
  /** Other `DAV` header tokens, e.g. `'extended-mkcol'`, `'calendar-access'`, `'sabredav-partialupdate'`. */
  readonly davExtensions: readonly string[];
  /** The methods OPTIONS allows (`Allow`), upper case. */
  readonly methods: readonly string[];
  /** Media types the server accepts in PATCH (`Accept-Patch`, RFC 5789). */
  readonly acceptPatch: readonly string[];
  /**
   * Whether PROPFIND with `Depth: infinity` is honoured: `false` when refused (Apache, nginx and
   * webdav-server answer 403) or when answered as Depth 1 (SabreDAV 1.8); `'unknown'` when the tree
   * probed was too flat to tell.
   */
  readonly depthInfinity: boolean | 'unknown';
  /** Verified ways to write part of a resource; `[]` when none works (or none could be tried). */
  readonly partialUpdate: readonly PartialUpdateMethod[];
  /** Whether the collection offers the RFC 6578 `sync-collection` REPORT. */
  readonly syncCollection: boolean;
  /** Whether SEARCH (RFC 5323) is offered: `DASL` header or SEARCH in `Allow`. */
  readonly search: boolean;
  /** The query grammars of the `DASL` header, e.g. `['<DAV:basicsearch>']`. */
  readonly searchGrammars: readonly string[];
  /** Whether the collection reports RFC 4331 quota properties. */
  readonly quota: boolean;
  /** The `DAV:getetag` of files, as PROPFIND reports them. */
  readonly etags: EtagKind;
  /** The `DAV:getetag` of collections (Apache: changes when a direct member is written through WebDAV). */
  readonly collectionEtags: EtagKind;
  /** Whether collections carry a CalendarServer `getctag` (changes whenever a member changes). */
  readonly ctag: boolean;
  /** Whether a PUT with a wrong `If-Match` is refused with 412 (nginx, rclone and webdav-server ignore it). */
  readonly ifMatchHonoured: boolean | 'unknown';
  /** How each fact was learned. */
  readonly learned: { readonly [K in CapabilityFact]: Provenance };
  /** Requests the probe made (a safe request the client retried counts once). */
  readonly requests: number;
  /** What the probe could not do or noticed (a refused scratch write, a scratch it could not remove…). */
  readonly notes: readonly string[];
}

/**
 * Options of `dav.probe()`.
 *
 * @group Client
 */
export interface ProbeOptions {
  /**
   * Learn the facts that need a write (partial updates, `If-Match`) with a scratch file next to the
   * path, created and removed again. Default `true`; `false` sends only OPTIONS and PROPFIND, and
   * leaves those facts `'unknown'` (or `'advertised'`).
   */
  readonly scratch?: boolean;
  /** Probe again even when a result for this collection is cached. */
  readonly refresh?: boolean;
  /** Aborts the probe (the scratch file is still removed). */
  readonly signal?: AbortSignal;
  /** Milliseconds to wait for each answer; `false` waits forever. */
  readonly timeout?: number | false;
}

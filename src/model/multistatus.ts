import type { DecodeWarning } from './decode-warning.ts';
import type { ClarkName } from './names.ts';
import type { XmlElement } from './xml-element.ts';

/**
 * A precondition or postcondition code from a `DAV:error` element, e.g.
 * `{DAV:}lock-token-submitted` with the hrefs of the locks that must be submitted.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-16
 *
 * @group Multi-Status decoding
 */
export interface DavCondition {
  readonly name: ClarkName;
  /** `DAV:href` children as sent (lock roots for `lock-token-submitted` and `no-conflicting-lock`). */
  readonly hrefs?: readonly string[];
  /** The same hrefs as absolute, percent-decoded paths. */
  readonly paths?: readonly string[];
  /** Text of a condition without hrefs, e.g. SabreDAV's `{http://sabredav.org/ns}message`. */
  readonly text?: string;
}

/**
 * An active lock, from `DAV:lockdiscovery` or the body of a LOCK response.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.1
 *
 * @group Multi-Status decoding
 */
export interface ActiveLock {
  /** `DAV:lockscope`. Other values a server invents are kept by their local name. */
  readonly scope: 'exclusive' | 'shared' | (string & {});
  /** `'write'` in every server seen; kept as the local name of the `DAV:locktype` child. */
  readonly type: string;
  readonly depth: 0 | 1 | 'infinity';
  /** The owner's text content (an owner href is given by its text). */
  readonly owner?: string;
  /** Seconds left, as the server reported it, or `'infinite'`. */
  readonly timeout?: number | 'infinite';
  /** The lock token, e.g. `opaquelocktoken:…` (without angle brackets). */
  readonly token?: string;
  /** `DAV:lockroot` as sent by the server. */
  readonly rootHref?: string;
  /** `DAV:lockroot` as an absolute, percent-decoded path. */
  readonly root?: string;
  /**
   * Only on what `lock()` / `refreshLock()` return: what was recovered while reading the LOCK answer
   * (see `MultiStatus.warnings`; locks inside a multistatus are covered by its `warnings`).
   */
  readonly warnings?: readonly DecodeWarning[];
}

/**
 * One `DAV:lockentry` of `DAV:supportedlock`.
 *
 * @group Multi-Status decoding
 */
export interface LockEntry {
  /** `DAV:lockscope`, as in {@link ActiveLock}. */
  readonly scope: ActiveLock['scope'];
  readonly type: string;
}

/**
 * `DAV:resourcetype`: `types` lists every child element, `{DAV:}collection` included.
 *
 * @group Multi-Status decoding
 */
export interface ResourceType {
  readonly collection: boolean;
  readonly types: readonly ClarkName[];
}

/**
 * Any decoded property value. `null`: the property was listed without a value (404, propname).
 *
 * @group Multi-Status decoding
 */
export type PropValue =
  | string
  | number
  | ResourceType
  | readonly ActiveLock[]
  | readonly LockEntry[]
  | XmlElement;

/**
 * What Nextcloud and ownCloud send as `DAV:quota-available-bytes` instead of a number of bytes:
 * `-3` unlimited (no quota), `-2` unknown (the storage cannot tell, e.g. external storage), `-1` not
 * computed (not scanned yet). These are the `SPACE_UNLIMITED`, `SPACE_UNKNOWN` and
 * `SPACE_NOT_COMPUTED` constants of Nextcloud's `OCP\Files\FileInfo`. All three mean "the server
 * reports quota, and it is not a number": distinct from a server that does not report quota at all.
 *
 * @group Multi-Status decoding
 */
export type QuotaSentinel = 'unlimited' | 'unknown' | 'not-computed';

/**
 * The types davkit gives to the DAV live properties it decodes. Every other property is an
 * {@link XmlElement}.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-15
 * @see https://www.rfc-editor.org/rfc/rfc4331#section-3
 *
 * @group Multi-Status decoding
 */
export interface LiveProps {
  /** Bytes; `null` when absent from a 404 propstat or not a number. */
  readonly '{DAV:}getcontentlength'?: number | null;
  /** Bytes, or one of Nextcloud's sentinels (`-3` → `'unlimited'`…, see {@link QuotaSentinel}). */
  readonly '{DAV:}quota-available-bytes'?: number | QuotaSentinel | null;
  readonly '{DAV:}quota-used-bytes'?: number | null;
  /** ISO 8601 (the server's text when it cannot be read as a date). */
  readonly '{DAV:}getlastmodified'?: string | null;
  /** ISO 8601 (the server's text when it cannot be read as a date). */
  readonly '{DAV:}creationdate'?: string | null;
  /** Exactly as sent, quotes and `W/` included: that is what `If-Match` needs. */
  readonly '{DAV:}getetag'?: string | null;
  readonly '{DAV:}displayname'?: string | null;
  readonly '{DAV:}getcontenttype'?: string | null;
  readonly '{DAV:}getcontentlanguage'?: string | null;
  readonly '{DAV:}resourcetype'?: ResourceType | null;
  readonly '{DAV:}lockdiscovery'?: readonly ActiveLock[] | null;
  readonly '{DAV:}supportedlock'?: readonly LockEntry[] | null;
}

/**
 * Properties by Clark name: typed for {@link LiveProps}, an {@link XmlElement} otherwise.
 *
 * @group Multi-Status decoding
 */
export type DavProps = LiveProps & Readonly<Record<ClarkName, PropValue | null>>;

/**
 * One `DAV:propstat`: a status and the properties it applies to. Every propstat is kept.
 *
 * @group Multi-Status decoding
 */
export interface PropStat {
  readonly status: number;
  readonly reason?: string;
  readonly props: DavProps;
  readonly error?: readonly DavCondition[];
  readonly description?: string;
}

/** Fields every `DAV:response` has. */
interface ResponseBase {
  /** The first `DAV:href`, as the server sent it (XML-unescaped, otherwise untouched). */
  readonly href: string;
  /** The first href as an absolute, percent-decoded path. */
  readonly path: string;
  readonly error?: readonly DavCondition[];
  readonly description?: string;
  /** `DAV:location` href, for a resource that moved. */
  readonly location?: string;
}

/**
 * A response with `href+, status`: one status for one or more resources.
 *
 * @group Multi-Status decoding
 */
export interface StatusResponse extends ResponseBase {
  readonly kind: 'status';
  readonly hrefs: readonly string[];
  readonly paths: readonly string[];
  readonly status: number;
  readonly reason?: string;
}

/**
 * A response with `href, propstat+`: property results for one resource.
 *
 * @group Multi-Status decoding
 */
export interface PropStatResponse extends ResponseBase {
  readonly kind: 'propstat';
  readonly propstats: readonly PropStat[];
}

/**
 * One `DAV:response` of a multistatus.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.24
 *
 * @group Multi-Status decoding
 */
export type DavResponse = StatusResponse | PropStatResponse;

/**
 * A decoded `DAV:multistatus` body: plain data that survives `structuredClone` and JSON.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-13
 *
 * @group Multi-Status decoding
 */
export interface MultiStatus {
  readonly kind: 'multistatus';
  readonly responses: readonly DavResponse[];
  readonly description?: string;
  /** `DAV:sync-token`, for `sync-collection` reports. @see https://www.rfc-editor.org/rfc/rfc6578#section-6.4 */
  readonly syncToken?: string;
  /**
   * What the decoder recovered from instead of refusing the body (prefixes used without a
   * declaration); absent when the body needed no recovery. `strict: true` refuses such bodies.
   */
  readonly warnings?: readonly DecodeWarning[];
}

/**
 * A property a server answered for although the request did not name it: a server defect (npm
 * `webdav-server` answers `{urn:acme}reviewed` as `{urn:}acmereviewed`: it cuts namespaces at their
 * last colon), surfaced with the names that were sent.
 *
 * @group Multi-Status decoding
 */
export interface UnrequestedProperty {
  /** The resource, as an absolute, percent-decoded path. */
  readonly path: string;
  /** The name the server answered for. */
  readonly name: ClarkName;
  /** The status it gave that name. */
  readonly status: number;
  /** The names of the request that got no answer: what was sent in its place. */
  readonly sent: readonly ClarkName[];
}

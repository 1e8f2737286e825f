import type { DecodeWarning, UnboundPrefixWarning } from '../model/decode-warning.ts';
import { DAV_NS } from '../model/names.ts';

/**
 * The namespaces whose conventional prefixes davkit reads when a server uses one without declaring
 * it (issue 17). Each prefix maps to one URI only where every server seen uses it for that URI:
 * RFC 4918's own examples and Apache use `D:`, SabreDAV and Nextcloud `d:`, `s:`, `oc:`, `nc:`,
 * `cal:`, `card:` and `cs:` (their responses declare exactly these). `C:` is left out: CalDAV's
 * RFC uses it for CalDAV, CardDAV's for CardDAV.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-21 (`DAV:`)
 * @see https://www.rfc-editor.org/rfc/rfc4791#section-13 (CalDAV), https://www.rfc-editor.org/rfc/rfc6352#section-12 (CardDAV)
 */
export const CONVENTIONAL_NAMESPACES: ReadonlyMap<string, string> = new Map([
  ['DAV', DAV_NS],
  ['D', DAV_NS],
  ['d', DAV_NS],
  ['oc', 'http://owncloud.org/ns'],
  ['nc', 'http://nextcloud.org/ns'],
  ['s', 'http://sabredav.org/ns'],
  ['cal', 'urn:ietf:params:xml:ns:caldav'],
  ['card', 'urn:ietf:params:xml:ns:carddav'],
  ['cs', 'http://calendarserver.org/ns/'],
]);

/** Where names with an unknown unbound prefix go: `urn:davkit:unbound:<prefix>`, never a real namespace. */
export const UNBOUND_NAMESPACE_PREFIX = 'urn:davkit:unbound:';

/**
 * The namespace davkit reads an undeclared prefix in: its conventional namespace when it has one,
 * otherwise `urn:davkit:unbound:<prefix>`, which no server uses, so such a name never passes for a
 * property of a real namespace.
 *
 * @example
 * ```ts
 * namespaceOfUnbound('DAV'); // 'DAV:'
 * namespaceOfUnbound('x1');  // 'urn:davkit:unbound:x1'
 * ```
 */
export function namespaceOfUnbound(prefix: string): string {
  return CONVENTIONAL_NAMESPACES.get(prefix) ?? `${UNBOUND_NAMESPACE_PREFIX}${prefix}`;
}

/** One name read with an undeclared prefix, as the namespace resolver reports it. */
export interface UnboundPrefixUse {
  readonly prefix: string;
  readonly namespace: string;
  /** The element's qualified name, as written (`DAV:getetag`). */
  readonly element: string;
  /** The attribute's qualified name, when the prefix was on an attribute of `element`. */
  readonly attribute?: string;
}

/** Prefixes listed one by one; the rest are counted in one overflow warning. */
export const MAX_LISTED_PREFIXES = 64;

/** A warning being counted; `href` is filled once the response it appeared in is read. */
export interface PendingWarning {
  readonly use: UnboundPrefixUse;
  occurrences: number;
  href?: string;
}

/**
 * Counts undeclared prefixes per prefix, in bounded memory, and turns them into warnings. A decoder
 * owns one and hands its `note` to the namespace resolver.
 */
export class UnboundPrefixLog {
  private readonly listed = new Map<string, PendingWarning>();
  private readonly overflow = new Set<string>();
  private overflowOccurrences = 0;

  /** Counts one use; returns the warning when this use is its prefix's first (to place it later). */
  note(use: UnboundPrefixUse): PendingWarning | undefined {
    const known = this.listed.get(use.prefix);
    if (known !== undefined) {
      known.occurrences++;
      return undefined;
    }
    if (this.listed.size < MAX_LISTED_PREFIXES) {
      const pending: PendingWarning = { use, occurrences: 1 };
      this.listed.set(use.prefix, pending);
      return pending;
    }
    // Past the cap only a count grows; the set of names is bounded by the cap on distinct prefixes
    // kept, which keeps a hostile body from growing this log faster than its own size.
    if (this.overflow.size < MAX_LISTED_PREFIXES * 16) {
      this.overflow.add(use.prefix);
    }
    this.overflowOccurrences++;
    return undefined;
  }

  /** Whether anything was recovered. */
  get empty(): boolean {
    return this.listed.size === 0;
  }

  /** The warnings so far, as plain data, in the order the prefixes were first met. */
  warnings(): DecodeWarning[] {
    const warnings: DecodeWarning[] = [...this.listed.values()].map(toWarning);
    if (this.overflowOccurrences > 0) {
      warnings.push({
        kind: 'unbound-prefix-overflow',
        prefixes: this.overflow.size,
        occurrences: this.overflowOccurrences,
        message: `${this.overflowOccurrences} more names used undeclared prefixes (${this.overflow.size}${this.overflow.size >= MAX_LISTED_PREFIXES * 16 ? '+' : ''} more prefixes), read the same way`,
      });
    }
    return warnings;
  }
}

function toWarning(pending: PendingWarning): UnboundPrefixWarning {
  const { use, occurrences, href } = pending;
  const conventional = CONVENTIONAL_NAMESPACES.get(use.prefix) === use.namespace;
  const where = `${use.attribute === undefined ? '' : `attribute ${use.attribute} of `}<${use.element}>${href === undefined ? '' : ` in the response for ${href}`}`;
  const how = conventional
    ? `read in its conventional namespace "${use.namespace}"`
    : `read in "${use.namespace}" (no well-known namespace uses this prefix)`;
  return {
    kind: 'unbound-prefix',
    prefix: use.prefix,
    namespace: use.namespace,
    conventional,
    occurrences,
    element: use.element,
    ...(use.attribute === undefined ? {} : { attribute: use.attribute }),
    ...(href === undefined ? {} : { href }),
    message: `The prefix "${use.prefix}" is used without a declaration (${occurrences === 1 ? 'once' : `${occurrences} times`}, first in ${where}); its names were ${how}.`,
  };
}

import { successfulProps } from '../files/entry.ts';
import type { DavProps, DavResponse } from '../model/multistatus.ts';
import type { ClarkName } from '../model/names.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { clientPath, samePath, trimTrailingSlash } from '../utils/href.ts';
import { etagKind } from './etags.ts';
import { type ScanLimits, type ScanOutcome, scanPropfind } from './scan.ts';
import type { ProbeSession } from './session.ts';
import type { EtagKind } from './types.ts';

/** The properties the probe asks of the collection (and of what it lists). */
export const FACT_PROPS: readonly ClarkName[] = [
  '{DAV:}resourcetype',
  '{DAV:}getetag',
  '{http://calendarserver.org/ns/}getctag',
  '{DAV:}supported-report-set',
  '{DAV:}quota-available-bytes',
  '{DAV:}quota-used-bytes',
];

const LIMITS: ScanLimits = { maxBytes: 1024 * 1024, maxResponses: 2000 };

/** Statuses that refuse `Depth: infinity` itself (RFC 4918 §9.1: 403 + `DAV:propfind-finite-depth`). */
const REFUSALS: ReadonlySet<number> = new Set([400, 403, 422, 501]);

/** What listing the collection taught. */
export interface CollectionFacts {
  readonly depthInfinity: boolean | 'unknown';
  /** The collection's own properties, when its response was seen. */
  readonly props: DavProps | undefined;
  /**
   * The ETags of the files listed: `'strong'` as soon as one file has a strong one (Apache gives files
   * changed within the last second a weak one), `'unknown'` when no file was listed.
   */
  readonly fileEtags: EtagKind;
  readonly notes: readonly string[];
}

/** Everything seen in the responses of one listing. */
class Observer {
  props: DavProps | undefined;
  fileEtags: EtagKind = 'unknown';
  deepest = 0;
  /** Whether a response two levels down is still worth waiting for (only in a Depth-infinity answer). */
  wantsDepth = true;
  readonly memberCollections: string[] = [];
  readonly #self: string;

  constructor(self: string) {
    this.#self = self;
  }

  /** Records a response; `true` once nothing more can be learned from further ones. */
  see(response: DavResponse): boolean {
    const props = successfulProps(response);
    if (samePath(response.path, this.#self)) {
      this.props = props;
    } else {
      const levels = levelsBelow(this.#self, response.path);
      this.deepest = Math.max(this.deepest, levels);
      const collection = props['{DAV:}resourcetype']?.collection === true;
      if (collection && levels === 1) {
        this.memberCollections.push(response.path);
      } else if (!collection && response.kind === 'propstat') {
        this.fileEtags = stronger(this.fileEtags, etagKind(props['{DAV:}getetag']));
      }
    }
    return this.props !== undefined && this.fileEtags === 'strong' && (this.deepest >= 2 || !this.wantsDepth);
  }
}

/**
 * Lists the collection with `Depth: infinity`, reading only as far as needed. A refusal (Apache,
 * nginx, webdav-server: 403) answers `depthInfinity` and a Depth 1 listing gives the rest. A 207 that
 * goes no deeper than the members, although members are collections, is checked on one of them:
 * members there mean the server answered Depth infinity as Depth 1 (SabreDAV 1.8 does).
 */
export async function observeCollection(
  session: ProbeSession,
  path: string,
  selfPath: string,
  call: CallOptions,
): Promise<CollectionFacts> {
  const observer = new Observer(selfPath);
  const see = (response: DavResponse) => observer.see(response);
  const deep = await scanPropfind(session, path, { depth: 'infinity', props: FACT_PROPS }, call, LIMITS, see);
  const notes: string[] = [];
  let depthInfinity: boolean | 'unknown';
  if (deep.end === 'refused') {
    depthInfinity = REFUSALS.has(deep.status) ? false : 'unknown';
    if (depthInfinity === 'unknown') {
      notes.push(`PROPFIND Depth: infinity was answered ${deep.status}`);
    }
    observer.wantsDepth = false;
    const shallow = await scanPropfind(session, path, { depth: 1, props: FACT_PROPS }, call, LIMITS, see);
    if (shallow.end === 'refused') {
      // The same listing at Depth 0 throws the server's own error (401, 404…) with its details.
      await session.propfind(path, { ...call, depth: 0, props: FACT_PROPS });
    }
  } else {
    depthInfinity = await judgeDeepAnswer(session, deep, observer, call);
  }
  return { depthInfinity, props: observer.props, fileEtags: observer.fileEtags, notes };
}

/** Whether a 207 to `Depth: infinity` really went as deep as the tree. */
async function judgeDeepAnswer(
  session: ProbeSession,
  outcome: ScanOutcome,
  observer: Observer,
  call: CallOptions,
): Promise<boolean | 'unknown'> {
  if (observer.deepest >= 2) {
    return true;
  }
  const member = observer.memberCollections[0];
  if (outcome.end !== 'complete' || member === undefined) {
    return 'unknown';
  }
  const base = new URL(session.baseUrl);
  const inside = await session.propfind(clientPath(base, member), {
    ...call,
    depth: 1,
    props: ['{DAV:}resourcetype'],
  });
  return inside.responses.some((response) => !samePath(response.path, member)) ? false : 'unknown';
}

/** The better of two observations: strong over weak over none over unknown. */
function stronger(a: EtagKind, b: EtagKind): EtagKind {
  const order: readonly EtagKind[] = ['unknown', 'none', 'weak', 'strong'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

/** How many levels `path` lies below `ancestor` (0: the same or not below it). */
function levelsBelow(ancestor: string, path: string): number {
  const parent = trimTrailingSlash(ancestor);
  const child = trimTrailingSlash(path);
  return child.startsWith(`${parent}/`) ? child.slice(parent.length + 1).split('/').length : 0;
}

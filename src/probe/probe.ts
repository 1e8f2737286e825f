import { DavUsageError } from '../errors/transport-errors.ts';
import type { DavProps, PropValue } from '../model/multistatus.ts';
import type { XmlElement } from '../model/xml-element.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { urlPath } from '../utils/href.ts';
import { type Advertised, readAdvertised } from './advertised.ts';
import { collectionPath } from './collection-path.ts';
import { counted } from './counted.ts';
import { etagKind } from './etags.ts';
import { type CollectionFacts, observeCollection } from './listing.ts';
import type { ProbeSession } from './session.ts';
import type { Capabilities, CapabilityFact, ProbeOptions, Provenance } from './types.ts';
import { probeWrites, scratchName, type WriteFacts } from './writes.ts';

function callOf(options: ProbeOptions): CallOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  };
}

/**
 * Probes what the server can do for the collection at `path`: OPTIONS, one listing read only as far
 * as needed, and (unless `scratch: false`) a scratch file next to it for the facts that need a write.
 * Nothing of the user's is written: the scratch file has a random name and is removed again.
 *
 * @example
 * ```ts
 * const caps = await probeCollection(dav, '/docs/', {});
 * caps.depthInfinity; // false on Apache
 * ```
 */
export async function probeCollection(
  session: ProbeSession,
  path: string,
  options: ProbeOptions,
): Promise<Capabilities> {
  const { session: tracked, count } = counted(session, [
    'options',
    'propfind',
    'put',
    'getText',
    'delete',
    'run',
  ]);
  const collection = collectionPath(path);
  const call = callOf(options);
  const url = session.url(collection);
  const advertised = readAdvertised(await tracked.options(collection, call));
  const listing = await observeCollection(tracked, collection, urlPath(new URL(url)), call);
  if (listing.props !== undefined && listing.props['{DAV:}resourcetype']?.collection !== true) {
    throw new DavUsageError(`probe() needs a collection; ${JSON.stringify(path)} is not one`);
  }
  const writes =
    options.scratch === false
      ? undefined
      : await probeWrites(tracked, `${collection}${scratchName()}`, advertised, call);
  return assemble(url, advertised, listing, writes, count());
}

function assemble(
  url: string,
  advertised: Advertised,
  listing: CollectionFacts,
  writes: WriteFacts | undefined,
  requests: number,
): Capabilities {
  const props = listing.props;
  const seen: Provenance = props === undefined ? 'unknown' : 'probed';
  const fileEtags =
    listing.fileEtags !== 'unknown' || writes?.etag === undefined ? listing.fileEtags : etagKind(writes.etag);
  const partial = partialUpdateOf(advertised, writes);
  const learned: { [K in CapabilityFact]: Provenance } = {
    depthInfinity: listing.depthInfinity === 'unknown' ? 'unknown' : 'probed',
    partialUpdate: partial.learned,
    syncCollection: props === undefined ? 'unknown' : 'advertised',
    search: 'advertised',
    quota: seen,
    etags: fileEtags === 'unknown' ? 'unknown' : 'probed',
    collectionEtags: seen,
    ctag: seen,
    ifMatchHonoured: writes === undefined || writes.ifMatchHonoured === 'unknown' ? 'unknown' : 'probed',
  };
  return {
    url,
    probedAt: new Date().toISOString(),
    davClasses: advertised.davClasses,
    davExtensions: advertised.davExtensions,
    methods: advertised.methods,
    acceptPatch: advertised.acceptPatch,
    depthInfinity: listing.depthInfinity,
    partialUpdate: partial.methods,
    syncCollection: props !== undefined && offersSyncCollection(props['{DAV:}supported-report-set']),
    search: advertised.search,
    searchGrammars: advertised.searchGrammars,
    quota: props !== undefined && hasQuota(props),
    etags: fileEtags,
    collectionEtags: props === undefined ? 'unknown' : etagKind(props['{DAV:}getetag']),
    ctag: props !== undefined && isPresent(props['{http://calendarserver.org/ns/}getctag']),
    ifMatchHonoured: writes?.ifMatchHonoured ?? 'unknown',
    learned,
    requests,
    notes: [...listing.notes, ...(writes?.notes ?? [])],
  };
}

/** Verified methods when the scratch file ran; otherwise only what the server advertises. */
function partialUpdateOf(
  advertised: Advertised,
  writes: WriteFacts | undefined,
): { methods: Capabilities['partialUpdate']; learned: Provenance } {
  if (writes !== undefined && writes.partialUpdateLearned !== 'unknown') {
    return { methods: writes.partialUpdate, learned: writes.partialUpdateLearned };
  }
  return advertised.sabrePatch
    ? { methods: ['sabredav-patch'], learned: 'advertised' }
    : { methods: [], learned: 'unknown' };
}

function isPresent(value: PropValue | null | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

function hasQuota(props: DavProps): boolean {
  return isPresent(props['{DAV:}quota-available-bytes']) || isPresent(props['{DAV:}quota-used-bytes']);
}

/**
 * Whether `DAV:supported-report-set` lists `DAV:sync-collection`. RFC 6578 §3.1 requires a server that
 * offers the report to list it there, so its absence is an answer too.
 */
function offersSyncCollection(value: PropValue | null | undefined): boolean {
  const contains = (element: XmlElement): boolean =>
    element.name === '{DAV:}sync-collection' || element.children.some(contains);
  return typeof value === 'object' && value !== null && 'children' in value && contains(value);
}

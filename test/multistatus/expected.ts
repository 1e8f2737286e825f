/**
 * Small builders for the hand-written expected decodes of the fixture tests. They only save typing:
 * every value they produce is spelled out here, from the contract of issue 3.
 */
import type { ActiveLock, LockEntry, PropStat, ResourceType } from '../../src/model/multistatus.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';

/** Every capture pins mtimes (and normalises creation dates) to this instant; ISO 8601 as decoded. */
export const DATE = '2025-01-06T10:00:00.000Z';

export const COLLECTION: ResourceType = { collection: true, types: ['{DAV:}collection'] };
export const NON_COLLECTION: ResourceType = { collection: false, types: [] };

export const EXCLUSIVE_WRITE: LockEntry = { scope: 'exclusive', type: 'write' };
export const SHARED_WRITE: LockEntry = { scope: 'shared', type: 'write' };

/** The custom namespace the captures set and asked for. */
export const X = 'urn:example:davkit';

/** A plain element tree, as davkit gives it for properties without a typed decoder. */
export function element(
  name: string,
  text = '',
  children: XmlElement[] = [],
  attributes: Record<string, string> = {},
): XmlElement {
  return { name, attributes, children, text };
}

/** A propstat with the given status line and properties, and nothing else. */
export function propstat(status: number, reason: string, props: PropStat['props']): PropStat {
  return { status, reason, props };
}

export const ok = (props: PropStat['props']): PropStat => propstat(200, 'OK', props);
export const notFound = (props: PropStat['props']): PropStat => propstat(404, 'Not Found', props);

/** An active lock: exclusive write at depth 0 unless `fields` say otherwise (the captures lock that way). */
export function activeLock(fields: Partial<ActiveLock>): ActiveLock {
  return { scope: 'exclusive', type: 'write', depth: 0, ...fields };
}

import type { ResourceType } from '../../model/multistatus.ts';
import { davName } from '../../model/names.ts';
import type { XmlElement } from '../../model/xml-element.ts';

const COLLECTION = davName('collection');

/**
 * `DAV:resourcetype` → `{ collection, types }`, `types` listing every child (CalDAV calendars,
 * principals...) so that nothing the server said is lost.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-15.9
 */
export function decodeResourceType(element: XmlElement): ResourceType {
  const types = element.children.map((child) => child.name);
  return { collection: types.includes(COLLECTION), types };
}

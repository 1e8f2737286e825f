import { davName } from '../../xml/names.ts';
import type { XmlElement } from '../../xml/xml-element.ts';
import type { ResourceType } from '../types.ts';

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

import { davName } from '../../model/names.ts';
import type { XmlElement } from '../../model/xml-element.ts';
import { el, serializeXml } from '../serialize.ts';

/** What a new lock asks for. */
export interface LockInfo {
  readonly scope?: 'exclusive' | 'shared';
  /** Who holds the lock: text (often a URL or an e-mail address) or an element tree. */
  readonly owner?: string | XmlElement;
}

/**
 * The body of a LOCK that creates a lock (`DAV:lockinfo`, write lock).
 *
 * @example
 * ```ts
 * lockInfoBody({ scope: 'exclusive', owner: 'mailto:alice@example.com' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.11
 */
export function lockInfoBody(info: LockInfo = {}): string {
  const children = [
    el(davName('lockscope'), [el(davName(info.scope ?? 'exclusive'))]),
    el(davName('locktype'), [el(davName('write'))]),
  ];
  if (typeof info.owner === 'string') {
    children.push(el(davName('owner'), [], info.owner));
  } else if (info.owner !== undefined) {
    children.push(el(davName('owner'), [info.owner]));
  }
  return serializeXml(el(davName('lockinfo'), children));
}

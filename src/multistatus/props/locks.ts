import type { ActiveLock, LockEntry } from '../../model/multistatus.ts';
import { davName } from '../../model/names.ts';
import { childNamed, childText, trimXml, type XmlElement } from '../../model/xml-element.ts';
import { hrefToPath } from '../../utils/href.ts';
import { parseClark } from '../../xml/names.ts';
import type { PropContext } from './context.ts';

const ACTIVELOCK = davName('activelock');
const LOCKENTRY = davName('lockentry');
const HREF = davName('href');

/**
 * The local name of the first child of `lockscope` / `locktype`. webdav-server sends `<exclusive/>`
 * and `<write/>` in no namespace, so the namespace is not checked here.
 */
function firstChildLocal(element: XmlElement | undefined): string | undefined {
  const first = element?.children[0];
  return first === undefined ? undefined : parseClark(first.name).local;
}

/**
 * `Second-3600` → 3600, `Infinite` → `'infinite'`; the first listed value wins (RFC 4918 §10.7).
 * Fractional seconds, which some servers report (`Second-599.998`), are rounded down: the lock
 * lasts at least that long, and a client that refreshes early loses nothing.
 */
export function parseTimeout(text: string | undefined): number | 'infinite' | undefined {
  const first = text?.split(',')[0]?.trim().toLowerCase();
  if (first === undefined || first === '') {
    return undefined;
  }
  if (first === 'infinite') {
    return 'infinite';
  }
  const seconds = /^second-(\d+)(?:\.\d+)?$/.exec(first);
  return seconds ? Number(seconds[1]) : undefined;
}

function parseDepth(text: string | undefined): 0 | 1 | 'infinity' {
  const value = text?.trim().toLowerCase();
  if (value === '0') {
    return 0;
  }
  return value === '1' ? 1 : 'infinity';
}

/** Reads one `DAV:activelock`. @see https://www.rfc-editor.org/rfc/rfc4918#section-14.1 */
export function decodeActiveLock(element: XmlElement, context: PropContext): ActiveLock {
  const lock: {
    -readonly [K in keyof ActiveLock]: ActiveLock[K];
  } = {
    scope: (firstChildLocal(childNamed(element, davName('lockscope'))) ?? 'exclusive') as ActiveLock['scope'],
    type: firstChildLocal(childNamed(element, davName('locktype'))) ?? 'write',
    depth: parseDepth(childText(element, davName('depth'))),
  };
  const owner = childNamed(element, davName('owner'));
  const ownerText = owner === undefined ? '' : trimXml(flattenText(owner));
  if (ownerText !== '') {
    lock.owner = ownerText;
  }
  const timeout = parseTimeout(childText(element, davName('timeout')));
  if (timeout !== undefined) {
    lock.timeout = timeout;
  }
  const token = hrefIn(childNamed(element, davName('locktoken')));
  if (token !== undefined) {
    lock.token = token;
  }
  const rootHref = hrefIn(childNamed(element, davName('lockroot')));
  if (rootHref !== undefined) {
    lock.rootHref = rootHref;
    lock.root = hrefToPath(rootHref, context.base);
  }
  return lock;
}

function hrefIn(element: XmlElement | undefined): string | undefined {
  const href = element === undefined ? undefined : childText(element, HREF);
  return href === '' ? undefined : href;
}

function flattenText(element: XmlElement): string {
  return element.text + element.children.map(flattenText).join('');
}

/** `DAV:lockdiscovery` → every active lock, in order. @see https://www.rfc-editor.org/rfc/rfc4918#section-15.8 */
export function decodeLockDiscovery(element: XmlElement, context: PropContext): ActiveLock[] {
  return element.children
    .filter((child) => child.name === ACTIVELOCK)
    .map((lock) => decodeActiveLock(lock, context));
}

/** `DAV:supportedlock` → `{ scope, type }` per lock entry. @see https://www.rfc-editor.org/rfc/rfc4918#section-15.10 */
export function decodeSupportedLock(element: XmlElement): LockEntry[] {
  return element.children
    .filter((child) => child.name === LOCKENTRY)
    .map((entry) => ({
      scope: (firstChildLocal(childNamed(entry, davName('lockscope'))) ?? 'exclusive') as ActiveLock['scope'],
      type: firstChildLocal(childNamed(entry, davName('locktype'))) ?? 'write',
    }));
}

/**
 * The embedded server's XML answers, written with davkit's own serializer: every name keeps its
 * namespace (the reason this server exists: npm `webdav-server` rewrote `{urn:acme}reviewed` as
 * `{urn:}acmereviewed`).
 */

import { davName } from '../../src/model/names.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { encodePath } from '../../src/utils/href.ts';
import { el, serializeXml } from '../../src/xml/serialize.ts';
import type { Lock, Resource, Store } from './store.ts';

/** The live properties this server computes, by Clark name. */
export const LIVE = [
  'resourcetype',
  'getcontentlength',
  'getcontenttype',
  'getetag',
  'getlastmodified',
  'creationdate',
  'displayname',
  'lockdiscovery',
  'supportedlock',
].map(davName);

/** The href of a resource: percent-encoded, collections with a trailing slash. */
export function hrefOf(path: string, resource: Resource | undefined): string {
  return encodePath(resource?.kind === 'collection' ? `${path}/` : path);
}

/** One `DAV:activelock`. */
export function activeLock(lock: Lock, store: Store): XmlElement {
  const children = [
    el(davName('locktype'), [el(davName('write'))]),
    el(davName('lockscope'), [el(davName(lock.scope))]),
    el(davName('depth'), [], String(lock.depth)),
    el(davName('timeout'), [], `Second-${Math.max(0, Math.round((lock.expiresAt - Date.now()) / 1000))}`),
    el(davName('locktoken'), [el(davName('href'), [], lock.token)]),
    el(davName('lockroot'), [el(davName('href'), [], hrefOf(lock.root, store.get(lock.root)))]),
  ];
  if (lock.owner !== undefined) {
    children.push(lock.owner);
  }
  return el(davName('activelock'), children);
}

function lockDiscovery(path: string, store: Store): XmlElement {
  return el(
    davName('lockdiscovery'),
    store.locksOn(path).map((lock) => activeLock(lock, store)),
  );
}

function supportedLock(): XmlElement {
  const entry = (scope: string) =>
    el(davName('lockentry'), [
      el(davName('lockscope'), [el(davName(scope))]),
      el(davName('locktype'), [el(davName('write'))]),
    ]);
  return el(davName('supportedlock'), [entry('exclusive'), entry('shared')]);
}

/** A live property's value, or `undefined` when the resource has none (a collection's length). */
function live(name: string, path: string, resource: Resource, store: Store): XmlElement | undefined {
  const file = resource.kind === 'file';
  const values: Record<string, () => XmlElement | undefined> = {
    resourcetype: () => el(name, file ? [] : [el(davName('collection'))]),
    getcontentlength: () => (file ? el(name, [], String(resource.content.byteLength)) : undefined),
    getcontenttype: () => (file ? el(name, [], resource.contentType) : undefined),
    getetag: () => el(name, [], resource.etag),
    getlastmodified: () => el(name, [], resource.modified.toUTCString()),
    creationdate: () => el(name, [], resource.created.toISOString()),
    displayname: () => el(name, [], decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))),
    lockdiscovery: () => lockDiscovery(path, store),
    supportedlock: supportedLock,
  };
  return values[name.slice('{DAV:}'.length)]?.();
}

/** What a PROPFIND asks for: every property, names only, or these. */
export type Selection =
  | { readonly kind: 'allprop' | 'propname' }
  | { readonly kind: 'prop'; readonly names: string[] };

function propstat(props: XmlElement[], status: string): XmlElement {
  return el(davName('propstat'), [
    el(davName('prop'), props),
    el(davName('status'), [], `HTTP/1.1 ${status}`),
  ]);
}

/** One `DAV:response` of a PROPFIND. */
export function propfindResponse(path: string, store: Store, selection: Selection): XmlElement {
  const resource = store.get(path) as Resource;
  const found: XmlElement[] = [];
  const missing: XmlElement[] = [];
  const names = selection.kind === 'prop' ? selection.names : [...LIVE, ...resource.props.keys()];
  for (const name of names) {
    const value = LIVE.includes(name) ? live(name, path, resource, store) : resource.props.get(name);
    if (value === undefined) {
      missing.push(el(name));
    } else {
      found.push(selection.kind === 'propname' ? el(name) : value);
    }
  }
  const stats = [propstat(found, '200 OK')];
  if (missing.length > 0) {
    stats.push(propstat(missing, '404 Not Found'));
  }
  return el(davName('response'), [el(davName('href'), [], hrefOf(path, resource)), ...stats]);
}

/** A `DAV:multistatus` document. */
export function multistatus(responses: XmlElement[]): string {
  return serializeXml(el(davName('multistatus'), responses));
}

/** A PROPPATCH answer: each property with its status (and the condition of a refused one). */
export function proppatchAnswer(
  path: string,
  resource: Resource,
  results: readonly { name: string; status: string; condition?: string }[],
): string {
  const stats = results.map(({ name, status, condition }) => {
    const stat = propstat([el(name)], status);
    return condition === undefined
      ? stat
      : el(davName('propstat'), [...stat.children, el(davName('error'), [el(davName(condition))])]);
  });
  return multistatus([el(davName('response'), [el(davName('href'), [], hrefOf(path, resource)), ...stats])]);
}

/** A `DAV:error` body naming a precondition, with the hrefs it is about. */
export function davError(condition: string, hrefs: readonly string[] = []): string {
  return serializeXml(
    el(davName('error'), [
      el(
        davName(condition),
        hrefs.map((href) => el(davName('href'), [], href)),
      ),
    ]),
  );
}

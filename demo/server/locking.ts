/**
 * The embedded server's locks: which locks a write must submit (RFC 4918 §7.4–7.7), how the `If`
 * header submits them, and LOCK / UNLOCK.
 */
import { davName } from '../../src/model/names.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';
import { el, serializeXml } from '../../src/xml/serialize.ts';
import { activeLock, davError, hrefOf } from './answers.ts';
import { type Answer, type DavRequest, xmlAnswer } from './request.ts';
import { key, type Lock, newResource, parentKey, type Store, within } from './store.ts';

/** The tokens an `If` header submits (from its lists, `Not` conditions left out). */
export function submittedTokens(header: string | undefined): Set<string> {
  const tokens = new Set<string>();
  for (const list of (header ?? '').matchAll(/\(([^)]*)\)/g)) {
    for (const match of (list[1] as string).matchAll(/(Not\s+)?<([^>]*)>/g)) {
      if (match[1] === undefined) {
        tokens.add(match[2] as string);
      }
    }
  }
  return tokens;
}

/** How a write touches a path: itself, its parent's membership, and (DELETE, MOVE) what lies below. */
export interface Touch {
  readonly path: string;
  readonly membership: boolean;
  readonly recursive: boolean;
}

/** The first lock a write touches without submitting its token, if any. */
export function unsubmitted(
  store: Store,
  touches: readonly Touch[],
  header: string | undefined,
): Lock | undefined {
  const submitted = submittedTokens(header);
  for (const touch of touches) {
    const parent = parentKey(touch.path);
    const locks = store
      .liveLocks()
      .filter(
        (lock) =>
          store.locksOn(touch.path).includes(lock) ||
          (touch.membership && parent !== undefined && key(lock.root) === parent) ||
          (touch.recursive && within(touch.path, lock.root)),
      );
    const missing = locks.find((lock) => !submitted.has(lock.token));
    if (missing !== undefined) {
      return missing;
    }
  }
  return undefined;
}

/** A 423 naming the lock root whose token was not submitted (as SabreDAV answers). */
export function locked(store: Store, lock: Lock): Answer {
  return xmlAnswer(423, davError('lock-token-submitted', [hrefOf(lock.root, store.get(lock.root))]));
}

function timeoutOf(header: string | undefined): number {
  const seconds = /Second-(\d+)/i.exec(header ?? '')?.[1];
  return Math.min(Number(seconds ?? 600), 86_400);
}

/** The answer to a LOCK: the lock in `DAV:lockdiscovery`, its token in `Lock-Token`. */
function lockAnswer(store: Store, lock: Lock, status: number): Answer {
  const answer = xmlAnswer(
    status,
    serializeXml(el(davName('prop'), [el(davName('lockdiscovery'), [activeLock(lock, store)])])),
  );
  return { ...answer, headers: { ...answer.headers, 'lock-token': `<${lock.token}>` } };
}

function conflicts(
  store: Store,
  path: string,
  depth: 0 | 'infinity',
  scope: Lock['scope'],
): Lock | undefined {
  return store
    .liveLocks()
    .find(
      (lock) =>
        (lock.scope === 'exclusive' || scope === 'exclusive') &&
        (store.locksOn(path).includes(lock) || (depth === 'infinity' && within(path, lock.root))),
    );
}

let tokens = 0;

/** LOCK: a new lock (a `DAV:lockinfo` body) or a refresh (no body, the token in `If`). */
export function lock(store: Store, request: DavRequest): Answer {
  const timeout = timeoutOf(request.headers.timeout);
  if (request.body.byteLength === 0) {
    const token = [...submittedTokens(request.headers.if)].find((each) => store.locks.has(each));
    const held = token === undefined ? undefined : store.locks.get(token);
    if (held === undefined || !within(held.root, request.path)) {
      return xmlAnswer(412, davError('lock-token-matches-request-uri'));
    }
    held.timeout = timeout;
    held.expiresAt = Date.now() + timeout * 1000;
    return lockAnswer(store, held, 200);
  }
  const info = parseXmlTree(new TextDecoder().decode(request.body));
  const scope =
    info.children.find((c) => c.name === '{DAV:}lockscope')?.children[0]?.name === '{DAV:}shared'
      ? 'shared'
      : 'exclusive';
  const depth = request.headers.depth === '0' ? 0 : 'infinity';
  const conflict = conflicts(store, request.path, depth, scope);
  if (conflict !== undefined) {
    return xmlAnswer(423, davError('no-conflicting-lock', [hrefOf(conflict.root, store.get(conflict.root))]));
  }
  let status = 200;
  if (store.get(request.path) === undefined) {
    const parent = parentKey(request.path);
    if (parent === undefined || store.get(parent)?.kind !== 'collection') {
      return { status: 409 };
    }
    store.resources.set(key(request.path), newResource('file'));
    status = 201;
  }
  const owner: XmlElement | undefined = info.children.find((c) => c.name === '{DAV:}owner');
  const created: Lock = {
    token: `opaquelocktoken:embedded-${Date.now().toString(36)}-${++tokens}`,
    root: key(request.path),
    depth,
    scope,
    owner,
    timeout,
    expiresAt: Date.now() + timeout * 1000,
  };
  store.locks.set(created.token, created);
  return lockAnswer(store, created, status);
}

/** UNLOCK: the token in `Lock-Token` must be a lock on (or above) the request URI. */
export function unlock(store: Store, request: DavRequest): Answer {
  const token = /<([^>]*)>/.exec(request.headers['lock-token'] ?? '')?.[1];
  if (token === undefined) {
    return { status: 400 };
  }
  const held = store.locks.get(token);
  if (held === undefined || !within(held.root, request.path)) {
    return xmlAnswer(409, davError('lock-token-matches-request-uri'));
  }
  store.locks.delete(token);
  return { status: 204 };
}

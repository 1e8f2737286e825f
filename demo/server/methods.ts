/**
 * The embedded server's methods (RFC 4918): enough WebDAV for the demo and the examples, namespace
 * true, with locks enforced by token, protected properties refused, and the statuses real servers send
 * (409 for a missing parent, 412 for `Overwrite: F`, 423 with `DAV:error`).
 */
import { percentDecode } from '../../src/utils/href.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';
import { multistatus, propfindResponse, proppatchAnswer, type Selection } from './answers.ts';
import { lock, locked, type Touch, unlock, unsubmitted } from './locking.ts';
import { type Answer, type DavRequest, xmlAnswer } from './request.ts';
import { key, newResource, parentKey, type Store } from './store.ts';

const decoder = new TextDecoder();

function parentIsCollection(store: Store, path: string): boolean {
  const parent = parentKey(path);
  return parent !== undefined && store.get(parent)?.kind === 'collection';
}

/** Refuses a write that touches a lock whose token was not submitted. */
function guard(store: Store, request: DavRequest, touches: Touch[]): Answer | undefined {
  const missing = unsubmitted(store, touches, request.headers.if);
  return missing === undefined ? undefined : locked(store, missing);
}

function get(store: Store, request: DavRequest): Answer {
  const resource = store.get(request.path);
  if (resource === undefined) {
    return { status: 404 };
  }
  const headers = { etag: resource.etag, 'last-modified': resource.modified.toUTCString() };
  if (resource.kind === 'collection') {
    const names = store.members(request.path, 1).map((each) => each.slice(each.lastIndexOf('/') + 1));
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
      body: names.join('\n'),
    };
  }
  const body = request.method === 'HEAD' ? undefined : resource.content;
  return {
    status: 200,
    headers: {
      ...headers,
      'content-type': resource.contentType,
      'content-length': String(resource.content.byteLength),
    },
    ...(body === undefined ? {} : { body }),
  };
}

function put(store: Store, request: DavRequest): Answer {
  const existing = store.get(request.path);
  if (existing?.kind === 'collection') {
    return { status: 405 };
  }
  if (!parentIsCollection(store, request.path)) {
    return { status: 409 };
  }
  const match = request.headers['if-match'];
  if (
    (match !== undefined && match !== existing?.etag) ||
    (request.headers['if-none-match'] === '*' && existing)
  ) {
    return { status: 412 };
  }
  const refused = guard(store, request, [
    { path: request.path, membership: existing === undefined, recursive: false },
  ]);
  if (refused !== undefined) {
    return refused;
  }
  const resource = newResource(
    'file',
    request.body,
    request.headers['content-type'] ?? 'application/octet-stream',
  );
  for (const [name, value] of existing?.props ?? []) {
    resource.props.set(name, value);
  }
  store.resources.set(key(request.path), resource);
  return { status: existing === undefined ? 201 : 204, headers: { etag: resource.etag } };
}

function mkcol(store: Store, request: DavRequest): Answer {
  if (request.body.byteLength > 0) {
    return { status: 415 };
  }
  if (store.get(request.path) !== undefined) {
    return { status: 405 };
  }
  if (!parentIsCollection(store, request.path)) {
    return { status: 409 };
  }
  const refused = guard(store, request, [{ path: request.path, membership: true, recursive: false }]);
  if (refused !== undefined) {
    return refused;
  }
  store.resources.set(key(request.path), newResource('collection'));
  return { status: 201 };
}

function remove(store: Store, request: DavRequest): Answer {
  if (store.get(request.path) === undefined || key(request.path) === store.root) {
    return { status: store.get(request.path) === undefined ? 404 : 403 };
  }
  const refused = guard(store, request, [{ path: request.path, membership: true, recursive: true }]);
  if (refused !== undefined) {
    return refused;
  }
  store.remove(request.path);
  return { status: 204 };
}

function selectionOf(body: Uint8Array): Selection {
  if (body.byteLength === 0) {
    return { kind: 'allprop' };
  }
  const chosen = parseXmlTree(decoder.decode(body)).children[0];
  if (chosen?.name === '{DAV:}prop') {
    return { kind: 'prop', names: chosen.children.map((each) => each.name) };
  }
  return { kind: chosen?.name === '{DAV:}propname' ? 'propname' : 'allprop' };
}

function propfind(store: Store, request: DavRequest): Answer {
  if (store.get(request.path) === undefined) {
    return { status: 404 };
  }
  const depth = request.headers.depth ?? 'infinity';
  const members = depth === '0' ? [] : store.members(request.path, depth === '1' ? 1 : 'infinity');
  const selection = selectionOf(request.body);
  const responses = [key(request.path), ...members].map((path) => propfindResponse(path, store, selection));
  return xmlAnswer(207, multistatus(responses));
}

/** PROPPATCH, atomic: a protected (DAV:) property fails the request, the others then get 424. */
function proppatch(store: Store, request: DavRequest): Answer {
  const resource = store.get(request.path);
  if (resource === undefined) {
    return { status: 404 };
  }
  const refused = guard(store, request, [{ path: request.path, membership: false, recursive: false }]);
  if (refused !== undefined) {
    return refused;
  }
  const changes = parseXmlTree(decoder.decode(request.body)).children.flatMap((instruction) =>
    instruction.children.flatMap((prop) =>
      prop.children.map((value) => ({ set: instruction.name === '{DAV:}set', value })),
    ),
  );
  const protectedOnes = changes.filter((change) => change.value.name.startsWith('{DAV:}'));
  if (protectedOnes.length === 0) {
    for (const { set, value } of changes) {
      if (set) {
        resource.props.set(value.name, value);
      } else {
        resource.props.delete(value.name);
      }
    }
  }
  const results = changes.map(({ value }) =>
    value.name.startsWith('{DAV:}')
      ? { name: value.name, status: '403 Forbidden', condition: 'cannot-modify-protected-property' }
      : { name: value.name, status: protectedOnes.length === 0 ? '200 OK' : '424 Failed Dependency' },
  );
  return xmlAnswer(207, proppatchAnswer(key(request.path), resource, results));
}

/** COPY and MOVE: `Destination` on this server, `Overwrite: F` honoured, locks left behind. */
function transfer(store: Store, request: DavRequest): Answer {
  const source = store.get(request.path);
  const destination = request.headers.destination;
  if (source === undefined || destination === undefined) {
    return { status: source === undefined ? 404 : 400 };
  }
  const target = new URL(destination, request.origin);
  const to = key(percentDecode(target.pathname));
  if (target.origin !== request.origin || !to.startsWith(store.root) || to === key(request.path)) {
    return { status: 403 };
  }
  const exists = store.get(to) !== undefined;
  if (exists && request.headers.overwrite === 'F') {
    return { status: 412 };
  }
  if (!parentIsCollection(store, to)) {
    return { status: 409 };
  }
  const move = request.method === 'MOVE';
  const touches: Touch[] = [{ path: to, membership: true, recursive: true }];
  if (move) {
    touches.unshift({ path: request.path, membership: true, recursive: true });
  }
  const refused = guard(store, request, touches);
  if (refused !== undefined) {
    return refused;
  }
  if (exists) {
    store.remove(to);
  }
  store.copy(request.path, to, request.headers.depth === '0' ? 0 : 'infinity');
  if (move) {
    store.remove(request.path);
  }
  return { status: exists ? 204 : 201 };
}

function options(): Answer {
  return { status: 200, headers: { dav: '1, 2', allow: ALLOWED.join(', '), 'ms-author-via': 'DAV' } };
}

const HANDLERS: Record<string, (store: Store, request: DavRequest) => Answer> = {
  OPTIONS: options,
  GET: get,
  HEAD: get,
  PUT: put,
  MKCOL: mkcol,
  DELETE: remove,
  PROPFIND: propfind,
  PROPPATCH: proppatch,
  COPY: transfer,
  MOVE: transfer,
  LOCK: lock,
  UNLOCK: unlock,
};

/** The methods this server answers. */
export const ALLOWED = Object.keys(HANDLERS);

/** Answers one request; a body that is not XML where XML is due gets 400. */
export function handle(store: Store, request: DavRequest): Answer {
  const handler = HANDLERS[request.method];
  if (handler === undefined) {
    return { status: 405, headers: { allow: ALLOWED.join(', ') } };
  }
  try {
    return handler(store, request);
  } catch (error) {
    if ((error as { name?: string }).name === 'DavParseError') {
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: (error as Error).message };
    }
    throw error;
  }
}

/**
 * The capture scenarios (real-servers.md §4–§7). Each takes what its server supports; the server
 * table in `capture-fixtures.ts` says which run where.
 */
import { BODIES } from './http.ts';
import type { Session } from './session.ts';

/**
 * Member names with percent-encoding quirks: non-ASCII, space, `;`, `&`, and a literal `%41` (sent
 * as `%2541`: decoding it twice would give `A`).
 */
const QUIRKY_NAMES = ['café.txt', 'a b.txt', 'semi;colon.txt', 'amp&.txt', '%41.txt'];

/** PROPFIND Depth 1 allprop of a collection with quirky member names and a subcollection. */
export async function listing(s: Session): Promise<void> {
  const list = await s.collection('list');
  for (const name of QUIRKY_NAMES) {
    await s.seed(list, name);
  }
  await s.mkcol(list, 'sub');
  await s.capture('propfind-allprop', 207, 'PROPFIND', list.url, { Depth: '1' }, BODIES.allprop);
}

/**
 * Dead properties set with PROPPATCH, then named props (one unknown), propname, and a PROPPATCH that
 * also sets a protected property. `proppatch: false` for a server without PROPPATCH (nginx: 405).
 * rclone refuses every dead property (403), hence its own name for that capture.
 */
export async function properties(s: Session, options: { proppatch: boolean }): Promise<void> {
  const props = await s.collection('props');
  await s.seed(props, 'f.txt');
  const file = `${props.url}f.txt`;
  if (options.proppatch) {
    const name = s.info.name === 'rclone' ? 'proppatch-dead-forbidden' : 'proppatch-set';
    await s.capture(name, 207, 'PROPPATCH', file, {}, BODIES.setDead);
  }
  await s.capture('propfind-named', 207, 'PROPFIND', props.url, { Depth: '1' }, BODIES.named);
  await s.capture('propfind-propname', 207, 'PROPFIND', file, { Depth: '0' }, BODIES.propname);
  if (options.proppatch) {
    await s.capture('proppatch-protected', 207, 'PROPPATCH', file, {}, BODIES.setProtected);
  }
}

/** The LOCK answer body and the lockdiscovery of the locked file. */
export async function lockBodies(s: Session): Promise<{ file: string; token: string }> {
  const locks = await s.collection('locks');
  await s.seed(locks, 'f.txt');
  const file = `${locks.url}f.txt`;
  const answer = await s.capture(
    'lock',
    200,
    'LOCK',
    file,
    { Depth: '0', Timeout: 'Second-600' },
    BODIES.lockinfo,
  );
  if (answer.lockToken === undefined) {
    throw new Error(`${s.info.name}: LOCK answered without a Lock-Token`);
  }
  await s.capture('propfind-lockdiscovery', 207, 'PROPFIND', file, { Depth: '0' }, BODIES.lockdiscovery);
  return { file, token: answer.lockToken };
}

/** A second exclusive LOCK on a locked file (SabreDAV: 423 + `no-conflicting-lock`). */
export async function lockConflict(s: Session, file: string): Promise<void> {
  await s.capture(
    'error-lock-conflict',
    423,
    'LOCK',
    file,
    { Depth: '0', Timeout: 'Second-600' },
    BODIES.lockinfo,
  );
}

/** SabreDAV's DAV:error bodies: DELETE of a locked file, UNLOCK with another file's token. */
export async function sabreErrors(s: Session, file: string): Promise<void> {
  await s.capture('error-delete-locked', 423, 'DELETE', file);
  const other = await s.collection('other');
  await s.seed(other, 'g.txt');
  const token = await s.lock(`${other.url}g.txt`, '0', BODIES.lockinfo);
  await s.capture('error-unlock-token-mismatch', 409, 'UNLOCK', file, { 'Lock-Token': `<${token}>` });
}

/**
 * A Depth-infinity-locked collection, then a PUT (and MKCOL) of a new member without If: Apache
 * answers 207 [new member 424, collection 423]; SabreDAV 423 + `lock-token-submitted`.
 */
export async function lockedCollection(s: Session): Promise<void> {
  const locked = await s.collection('locked');
  await s.lock(locked.url, 'infinity', BODIES.lockinfo);
  const put = { 'Content-Type': 'text/plain' };
  if (s.info.name === 'apache') {
    await s.capture('put-locked-collection', 207, 'PUT', `${locked.url}new.txt`, put, 'new\n');
    await s.capture('mkcol-locked-collection', 207, 'MKCOL', `${locked.url}newcol/`);
  } else {
    await s.capture('error-put-locked-collection', 423, 'PUT', `${locked.url}new.txt`, put, 'new\n');
  }
}

/**
 * Apache's RFC 4918 §9.10.9 cascade: LOCK Depth infinity on a collection whose member holds an
 * exclusive lock (207 [collection 424, member 423]), then DELETE and MOVE of that collection
 * (top-level 424 with a multistatus body), and an untagged If that also applies to the parent.
 */
export async function apacheCascade(s: Session, file: string, token: string): Promise<void> {
  const cascade = await s.collection('cascade');
  await s.seed(cascade, 'm.txt');
  await s.lock(`${cascade.url}m.txt`, '0', BODIES.lockinfo);
  const depth = { Depth: 'infinity', Timeout: 'Second-600' };
  await s.capture('lock-cascade', 207, 'LOCK', cascade.url, depth, BODIES.lockinfo);
  await s.capture('delete-locked-member', 424, 'DELETE', cascade.url);
  const target = await s.collection('target');
  await s.capture('move-locked-member', 424, 'MOVE', cascade.url, {
    Destination: `${target.url}moved/`,
  });
  await s.capture('delete-untagged-if', 424, 'DELETE', file, { If: `(<${token}>)` });
}

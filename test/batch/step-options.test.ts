import { describe, expect, it } from 'vitest';
import type { Batch } from '../../src/batch/batch.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavUsageError } from '../../src/errors/guards.ts';

// Issue 14.3: a batch verb takes exactly the client verb's arguments; step options go in its last
// options object. An unknown option, or an argument too many, is a DavUsageError when the step is
// added (nothing is sent: the client's fetch would throw if anything were).
const dav = createClient({
  baseUrl: 'https://dav.test/root/',
  fetch: () => {
    throw new Error('nothing may be sent');
  },
});

type Add = (batch: Batch, extra: Record<string, unknown>) => unknown;

/** A batch verb called the way plain JavaScript can: with any arguments. */
function loose(batch: Batch, verb: keyof Batch): (...args: unknown[]) => unknown {
  return (...args) => (batch[verb] as (...all: unknown[]) => unknown).apply(batch, args);
}

/** Each verb with its arguments, the options object last (where `extra` is merged). */
const VERBS: [string, Add, Add][] = [
  ['propfind', (b, o) => b.propfind('/', { depth: 0, ...o }), (b, o) => loose(b, 'propfind')('/', {}, o)],
  [
    'proppatch',
    (b, o) => b.proppatch('/a', { set: { '{urn:x}k': 'v' }, ...o }),
    (b, o) => loose(b, 'proppatch')('/a', { set: {} }, o),
  ],
  ['mkcol', (b, o) => b.mkcol('/d/', { existOk: true, ...o }), (b, o) => loose(b, 'mkcol')('/d/', {}, o)],
  ['mkdirp', (b, o) => b.mkdirp('/d/e/', { ...o }), (b, o) => loose(b, 'mkdirp')('/d/e/', {}, o)],
  [
    'put',
    (b, o) => b.put('/a', 'x', { ifMatch: '"e"', verify: true, ...o }),
    (b, o) => loose(b, 'put')('/a', 'x', {}, o),
  ],
  ['getText', (b, o) => b.getText('/a', { ...o }), (b, o) => loose(b, 'getText')('/a', {}, o)],
  ['head', (b, o) => b.head('/a', { ...o }), (b, o) => loose(b, 'head')('/a', {}, o)],
  ['delete', (b, o) => b.delete('/a', { ifMatch: '"e"', ...o }), (b, o) => loose(b, 'delete')('/a', {}, o)],
  [
    'copy',
    (b, o) => b.copy('/a', '/b', { overwrite: false, ...o }),
    (b, o) => loose(b, 'copy')('/a', '/b', {}, o),
  ],
  [
    'move',
    (b, o) => b.move('/a', '/b', { overwrite: false, ...o }),
    (b, o) => loose(b, 'move')('/a', '/b', {}, o),
  ],
  ['lock', (b, o) => b.lock('/a', { lockTimeout: 60, ...o }), (b, o) => loose(b, 'lock')('/a', {}, o)],
  [
    'refreshLock',
    (b, o) => b.refreshLock('/a', 'urn:t', { ...o }),
    (b, o) => loose(b, 'refreshLock')('/a', 'urn:t', {}, o),
  ],
  ['unlock', (b, o) => b.unlock('/a', 'urn:t', { ...o }), (b, o) => loose(b, 'unlock')('/a', 'urn:t', {}, o)],
  ['options', (b, o) => b.options('/', { ...o }), (b, o) => loose(b, 'options')('/', {}, o)],
  [
    'report',
    (b, o) => b.report('/', '<x/>', { depth: 1, ...o }),
    (b, o) => loose(b, 'report')('/', '<x/>', {}, o),
  ],
  ['search', (b, o) => b.search('/', '<x/>', { ...o }), (b, o) => loose(b, 'search')('/', '<x/>', {}, o)],
];

function usageError(add: () => unknown): unknown {
  try {
    add();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(VERBS)('batch.%s', (verb, add, misplaced) => {
  it('takes the step options in its options object', () => {
    const batch = dav.batch();
    expect(add(batch, { id: `${verb}-1`, after: [] })).toMatchObject({ id: `${verb}-1` });
  });

  it('refuses an unknown option with DavUsageError', () => {
    const error = usageError(() => add(dav.batch(), { id: 'x', retries: 3 }));
    expect(isDavUsageError(error) && error.message).toMatch(
      new RegExp(`batch\\.${verb}\\(\\): unknown option "retries"`),
    );
  });

  it('refuses step options passed as one argument too many', () => {
    const error = usageError(() => misplaced(dav.batch(), { id: 'x', after: [] }));
    expect(isDavUsageError(error) && error.message).toMatch(/takes at most \d arguments/);
  });
});

describe('options a verb does not have', () => {
  it('verify is a write option: refused on a read step', () => {
    const error = usageError(() => dav.batch().propfind('/', { verify: true } as never));
    expect(isDavUsageError(error) && error.message).toContain('unknown option "verify"');
  });
});

/**
 * The `is…` guards (issue 12.5: one guard for "the server refused"). `instanceof` fails for an error
 * from another realm (a worker's, an iframe's, `node:vm`'s) or from a second copy of davkit (a CommonJS
 * consumer), so every guard also recognises an error by its `name`. Each guard accepts its class and its
 * subclasses, and nothing else, wherever the error was made. `isDavError` accepts what any of them
 * accepts: an error's `toJSON()` data and its copies too (README: guards "work across realms and copies").
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as davkit from '../../src/index.ts';
import {
  DavAbortError,
  DavBatchError,
  DavBodyTooLargeError,
  DavError,
  DavHttpError,
  DavNetworkError,
  DavParseError,
  DavTimeoutError,
  DavUnfixableError,
  DavUsageError,
  DavVerificationError,
  isDavAbortError,
  isDavBatchError,
  isDavBodyTooLargeError,
  isDavError,
  isDavHttpError,
  isDavNetworkError,
  isDavParseError,
  isDavTimeoutError,
  isDavUnfixableError,
  isDavUsageError,
  isDavVerificationError,
  isMultiStatusError,
  MultiStatusError,
} from '../../src/index.ts';

/** Each guard with the class it stands for. */
const GUARDS = [
  [isDavHttpError, DavHttpError],
  [isMultiStatusError, MultiStatusError],
  [isDavParseError, DavParseError],
  [isDavNetworkError, DavNetworkError],
  [isDavTimeoutError, DavTimeoutError],
  [isDavAbortError, DavAbortError],
  [isDavBodyTooLargeError, DavBodyTooLargeError],
  [isDavUsageError, DavUsageError],
  [isDavUnfixableError, DavUnfixableError],
  [isDavBatchError, DavBatchError],
  [isDavVerificationError, DavVerificationError],
] as const;

const NAMES = GUARDS.map(([, type]) => type.name);

/** The subclass relation by name: MultiStatusError is a DavHttpError. */
function isA(name: string, type: string): boolean {
  return name === type || (name === 'MultiStatusError' && type === 'DavHttpError');
}

/** An Error made in a fresh realm (`node:vm`), named like a davkit error: `instanceof` fails for it. */
function foreignError(name: string): unknown {
  return runInNewContext(`const e = new Error('from another realm'); e.name = ${JSON.stringify(name)}; e`);
}

describe('the guards', () => {
  it('an error from another realm is not an instance of anything here', () => {
    const foreign = foreignError('DavHttpError');
    expect(foreign instanceof Error).toBe(false);
    expect(foreign instanceof DavHttpError).toBe(false);
  });

  it.each(NAMES)('recognise a %s from another realm by its name, and only with the right guards', (name) => {
    const foreign = foreignError(name);
    for (const [guard, type] of GUARDS) {
      expect(guard(foreign), `${guard.name} on a foreign ${name}`).toBe(isA(name, type.name));
    }
  });

  it('a MultiStatusError is a DavHttpError: one guard for "the server refused"', () => {
    expect(MultiStatusError.prototype instanceof DavHttpError).toBe(true);
    expect(isDavHttpError(foreignError('MultiStatusError'))).toBe(true);
    expect(isMultiStatusError(foreignError('DavHttpError'))).toBe(false);
  });

  it('isDavError recognises a foreign davkit error by its brand, and refuses foreign look-alikes', () => {
    const branded = runInNewContext(
      "const e = new Error('x'); e.name = 'DavTimeoutError'; Object.defineProperty(e, 'isDavError', { value: true }); e",
    );
    expect(isDavError(branded)).toBe(true);
    expect(isDavError(new DavError('here'))).toBe(true);
    expect(isDavError(runInNewContext("const e = new TypeError('fetch failed'); e"))).toBe(false);
    expect(isDavError(runInNewContext("({ isDavError: 'yes' })"))).toBe(false);
  });

  it('refuse what is not a davkit error, from any realm', () => {
    const others = [
      new Error('plain'),
      new TypeError('fetch failed'),
      runInNewContext("new RangeError('x')"),
      { name: 'HttpError' },
      'DavHttpError',
      null,
      undefined,
      42,
    ];
    for (const value of others) {
      for (const [guard] of GUARDS) {
        expect(guard(value), `${guard.name}(${String(value)})`).toBe(false);
      }
      expect(isDavError(value)).toBe(false);
    }
  });
});

/** Every error class the front door exports, found by walking the exports (a new class is in it at once). */
const ERROR_CLASSES = Object.values(davkit).filter(
  (value): value is typeof DavError =>
    typeof value === 'function' && (value === DavError || value.prototype instanceof DavError),
);

/** Error data as small as `toJSON()` of the base class gives it: a name and a message. */
function dataNamed(name: string): { name: string; message: string } {
  return { name, message: `a ${name}, as data` };
}

describe('isDavError and the data of an error', () => {
  it('the front door exports the twelve error classes', () => {
    expect(ERROR_CLASSES.map((type) => type.name).sort()).toEqual([...NAMES, 'DavError'].sort());
  });

  it.each(ERROR_CLASSES.map((type) => type.name))(
    'accepts the toJSON() data of a %s, its structuredClone and its JSON copy',
    (name) => {
      const data = dataNamed(name);
      expect(isDavError(data)).toBe(true);
      expect(isDavError(structuredClone(data))).toBe(true);
      expect(isDavError(JSON.parse(JSON.stringify(data)))).toBe(true);
      expect(isDavError(runInNewContext(`(${JSON.stringify(data)})`))).toBe(true);
    },
  );

  it('accepts the real toJSON() data of errors davkit made, through JSON and structuredClone', () => {
    const made = [
      new DavError('plain'),
      new DavTimeoutError({ method: 'GET', url: 'https://dav.test/a', timeout: 5_000 }),
      new DavAbortError({ method: 'GET', url: 'https://dav.test/a' }),
    ];
    for (const error of made) {
      expect(isDavError(JSON.parse(JSON.stringify(error))), error.name).toBe(true);
      expect(isDavError(structuredClone(error.toJSON())), error.name).toBe(true);
    }
  });

  it('agrees with every class guard: what a class guard accepts, isDavError accepts', () => {
    for (const name of NAMES) {
      for (const value of [foreignError(name), dataNamed(name), structuredClone(dataNamed(name))]) {
        for (const [guard] of GUARDS) {
          if (guard(value)) {
            expect(isDavError(value), `${guard.name} accepted a ${name}`).toBe(true);
          }
        }
      }
    }
  });

  it('recognises a foreign error by its name alone, as the class guards do (no brand needed)', () => {
    expect(isDavError(foreignError('DavTimeoutError'))).toBe(true);
    expect(isDavError(foreignError('DavError'))).toBe(true);
  });

  it('refuses data named like no davkit error class', () => {
    const others = [
      { name: 'HttpError', message: 'x' },
      { name: 'DavHttpErrors', message: 'x' },
      { name: 'davhttperror', message: 'x' },
      { name: 'Dav', message: 'x' },
      { name: 'toString' },
      { name: 'constructor' },
      { kind: 'batch-result', ok: false, steps: [] },
      { message: 'DavHttpError' },
      JSON.parse('{"__proto__": {"name": "DavHttpError"}}'),
    ];
    for (const value of others) {
      expect(isDavError(value), JSON.stringify(value)).toBe(false);
    }
  });
});

/**
 * Every decoded result is plain data: it survives `structuredClone` and a JSON round trip unchanged,
 * and holds no `undefined`, no NaN, and nothing but plain objects, arrays, strings, numbers, booleans
 * and null (no Map, Date or class instance). Checked on the decode of every real fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus } from '../src/index.ts';
import { isMultiStatusBody } from '../src/multistatus/is-multistatus.ts';
import { BUFFERED } from '../src/operations/buffered.ts';
import { readFailureBody } from '../src/operations/failure-reader.ts';
import { readLock } from '../src/operations/lock.ts';
import { observedClient } from './helpers/clients.ts';
import { BASE_URL, FIXTURE_NAMES, fixture, rawResponse } from './multistatus/fixture-files.ts';
import { RangeServer } from './transfer/range-server.ts';

/** Where, if anywhere, a value stops being plain data; `undefined` when it is plain throughout. */
function impurity(value: unknown, path = '$'): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  }
  if (typeof value !== 'object') {
    return `${path} is ${typeof value}`;
  }
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    return `${path} is a ${value.constructor?.name ?? 'class instance'}`;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = impurity(child, `${path}.${key}`);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** Every result davkit gives for a fixture: its multistatus decodes, or what the verb readers give. */
function decodedForms(name: string): unknown[] {
  const text = fixture(name);
  if (isMultiStatusBody(undefined, text)) {
    return [
      decodeMultiStatus(text, { baseUrl: BASE_URL }),
      decodeMultiStatus(text, { baseUrl: BASE_URL, mode: 'propname' }),
      decodeMultiStatus(text),
    ];
  }
  return name.includes('-error-')
    ? [readFailureBody(rawResponse(name), BUFFERED)]
    : [readLock(rawResponse(name))];
}

describe('decoded fixtures are plain, serialisable data', () => {
  it.each(FIXTURE_NAMES)('%s', (name) => {
    for (const decoded of decodedForms(name)) {
      expect(impurity(decoded)).toBeUndefined();
      expect(structuredClone(decoded)).toEqual(decoded);
      expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded);
    }
  });

  it('recovered bodies too: warnings and Nextcloud quota sentinels are plain data (issue 17)', () => {
    const recovered = decodeMultiStatus(
      readFileSync(
        new URL('fixtures/real-world/webdav-client/search-truncated.xml', import.meta.url),
        'utf8',
      ),
    );
    const sentinel = decodeMultiStatus(
      readFileSync(new URL('fixtures/real-world/webdav-client/quota-valid.xml', import.meta.url), 'utf8'),
    );
    expect(recovered.warnings?.length).toBe(2);
    for (const decoded of [recovered, sentinel]) {
      expect(impurity(decoded)).toBeUndefined();
      expect(structuredClone(decoded)).toEqual(decoded);
      expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded);
    }
  });

  it('transfers too: an upload’s state and causes, a download’s state and causes (issue 13)', async () => {
    const server = new RangeServer('honour');
    const { dav } = observedClient((request) =>
      request.headers['content-range']?.startsWith('bytes 5-') && request.url.endsWith('.part')
        ? new Response(null, { status: 507 })
        : server.handle(request),
    );
    const upload = await dav.upload('/a.txt', new TextEncoder().encode('0123456789'), { chunkSize: 5 });
    const download = await dav.download('/missing.txt', new WritableStream());
    const forms = [
      upload.state,
      upload.rootCauses(),
      upload.batch.steps,
      download.state,
      download.rootCauses(),
    ];
    expect(upload.rootCauses()).toHaveLength(1);
    for (const form of forms) {
      expect(impurity(form)).toBeUndefined();
      expect(structuredClone(form)).toEqual(form);
      expect(JSON.parse(JSON.stringify(form))).toEqual(form);
    }
  });

  it('the purity check itself finds undefined, NaN, Date and Map', () => {
    expect(impurity({ a: [1, { b: undefined }] })).toBe('$.a.1.b is undefined');
    expect(impurity({ n: Number.NaN })).toBe('$.n is NaN');
    expect(impurity({ d: new Date(0) })).toBe('$.d is a Date');
    expect(impurity([new Map()])).toBe('$.0 is a Map');
  });
});

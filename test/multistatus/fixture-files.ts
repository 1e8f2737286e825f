/**
 * Reading the real-server fixtures of `test/fixtures/multistatus/` (written by
 * `scripts/capture-fixtures.ts`, Radicale's by hand) and the manifest of how each was answered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CaptureRecord } from '../../scripts/capture/session.ts';
import { decodeMultiStatus } from '../../src/index.ts';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';

const DIR = new URL('../fixtures/multistatus/', import.meta.url);

/** The DAV root every capture was normalised to. */
export const BASE_URL = 'http://127.0.0.1:8080/dav/';

// The request and the head of the answer a fixture was captured from (`captures.json`), as the
// capture script writes it.
export type { CaptureRecord };

const manifest = JSON.parse(readFileSync(new URL('captures.json', DIR), 'utf8')) as Record<
  string,
  CaptureRecord
>;

/** Every fixture file name (`<server>-<case>.xml`), sorted. */
export const FIXTURE_NAMES: readonly string[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.xml'))
  .sort();

/** The text of a fixture. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

/** How the fixture was answered; throws for a hand-written fixture (it has no capture record). */
export function captureRecord(name: string): CaptureRecord {
  const record = manifest[name];
  if (record === undefined) {
    throw new Error(`${name} is not in captures.json`);
  }
  return record;
}

/** Decodes a fixture as davkit decodes the answer to its own request: with the client's base URL. */
export function decodeFixture(name: string, mode: 'values' | 'propname' = 'values'): MultiStatus {
  return decodeMultiStatus(fixture(name), { baseUrl: BASE_URL, mode });
}

/** The captured answer as the plain {@link RawResponse} the `read<Verb>` functions take. */
export function rawResponse(name: string): RawResponse {
  const record = captureRecord(name);
  const headers: Record<string, string> = { 'content-type': record.contentType };
  if (record.lockToken !== undefined) {
    headers['lock-token'] = record.lockToken;
  }
  return {
    status: record.status,
    statusText: record.statusText,
    headers,
    text: fixture(name),
    request: {
      method: record.method,
      url: new URL(record.path, BASE_URL).href,
      path: decodeURIComponent(record.path),
      baseUrl: BASE_URL,
    },
  };
}

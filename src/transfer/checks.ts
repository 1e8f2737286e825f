import { DavVerificationError } from '../errors/verification-error.ts';
import { toEntry } from '../files/entry.ts';
import type { Entry } from '../model/entry.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';

/**
 * Whether two ETags name the same version, compared weakly (RFC 9110 §8.8.3.2): Apache marks an ETag
 * weak for a second after a write and strong afterwards, for the same bytes.
 *
 * @example
 * ```ts
 * sameEtag('W/"a-1"', '"a-1"'); // true
 * ```
 */
export function sameEtag(a: string, b: string): boolean {
  const opaque = (etag: string) => etag.replace(/^W\//, '');
  return opaque(a) === opaque(b);
}

/** What a check expects of a resource, decided when the check runs. */
export interface Expectation {
  readonly size: number | undefined;
  /** The ETag the resource must have (weak comparison), when known. */
  readonly etag?: string | undefined;
  /** Why a different ETag matters, for the message. */
  readonly etagMeaning?: string;
}

const PROPS = ['{DAV:}getcontentlength', '{DAV:}getetag', '{DAV:}resourcetype'] as const;

function mismatch(entry: Entry, path: string, expected: Expectation): DavVerificationError | undefined {
  const actual = { size: entry.size, etag: entry.etag };
  if (expected.size !== undefined && entry.size !== expected.size) {
    const held = entry.size === undefined ? 'reports no size' : `holds ${entry.size} bytes`;
    return new DavVerificationError({
      path,
      expected,
      actual,
      reason: `${held} where ${expected.size} were sent: the server did not keep every byte`,
    });
  }
  if (expected.etag !== undefined && entry.etag !== undefined && !sameEtag(entry.etag, expected.etag)) {
    return new DavVerificationError({
      path,
      expected,
      actual,
      reason: `its ETag is ${entry.etag}, not ${expected.etag}: ${expected.etagMeaning ?? 'it is another version'}`,
    });
  }
  return undefined;
}

/**
 * A PROPFIND (Depth 0) that fails with {@link DavVerificationError} when the resource's size or ETag
 * is not what `expect()` says at the time the answer arrives; `checked` gets what was found.
 *
 * @example
 * ```ts
 * batch.operation(checkResource(dav.baseUrl, '/a.part', () => ({ size: 10 }), (found) => …));
 * ```
 */
export function checkResource(
  baseUrl: string,
  path: string,
  expect: () => Expectation,
  checked: (found: Entry) => void,
): Operation<MultiStatus> {
  const propfind = operations.propfind(path, { depth: 0, props: [...PROPS] });
  return {
    spec: propfind.spec,
    // Read whole, never incrementally: the check needs the one response, and it is small.
    read: (raw) => {
      const ms = propfind.read(raw);
      const [response] = ms.responses;
      if (response === undefined) {
        throw new DavVerificationError({
          path,
          expected: expect(),
          actual: {},
          reason: 'the server answered PROPFIND with no response for it',
        });
      }
      const entry = toEntry(response, new URL(baseUrl));
      const failed = mismatch(entry, path, expect());
      if (failed !== undefined) {
        throw failed;
      }
      checked(entry);
      return ms;
    },
  };
}

/**
 * A PROPFIND (Depth 1) of a Nextcloud upload folder that fails unless its numbered chunks add up to
 * `size` bytes.
 *
 * @example
 * ```ts
 * batch.operation(checkChunkFolder(dav.baseUrl, uploadFolderUrl, 15_000_000));
 * ```
 */
export function checkChunkFolder(baseUrl: string, folder: string, size: number): Operation<MultiStatus> {
  const propfind = operations.propfind(folder, { depth: 1, props: ['{DAV:}getcontentlength'] });
  return {
    spec: propfind.spec,
    read: (raw) => {
      const ms = propfind.read(raw);
      const held = chunkSizes(ms, baseUrl);
      const total = [...held.values()].reduce((sum, each) => sum + each, 0);
      if (total !== size) {
        throw new DavVerificationError({
          path: folder,
          expected: { size },
          actual: { size: total },
          reason: `its ${held.size} chunks hold ${total} bytes where ${size} were sent`,
        });
      }
      return ms;
    },
  };
}

/**
 * The numbered chunks of a Nextcloud upload folder's listing: chunk number → size.
 *
 * @example
 * ```ts
 * chunkSizes(await dav.propfind(folder, { depth: 1 }), dav.baseUrl); // Map { 1 => 5242880, 2 => 100 }
 * ```
 */
export function chunkSizes(ms: MultiStatus, baseUrl: string): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const response of ms.responses) {
    const entry = toEntry(response, new URL(baseUrl));
    if (entry.type === 'file' && /^\d+$/.test(entry.name) && entry.size !== undefined) {
      sizes.set(Number(entry.name), entry.size);
    }
  }
  return sizes;
}

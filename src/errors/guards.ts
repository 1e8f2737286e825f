import { DavBatchError } from './batch-error.ts';
import { DavError } from './dav-error.ts';
import { DavHttpError } from './dav-http-error.ts';
import { DavParseError } from './dav-parse-error.ts';
import { MultiStatusError } from './multi-status-error.ts';
import {
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
  DavUsageError,
} from './transport-errors.ts';
import { DavUnfixableError } from './unfixable-error.ts';
import { DavVerificationError } from './verification-error.ts';

// `instanceof` fails across realms and when a CommonJS consumer gets a second copy of davkit, so every
// guard also accepts an Error whose `name` matches (ky does the same), and so an error's `toJSON()`
// data and its copies. A guard names the class and its subclasses (a MultiStatusError is a DavHttpError).
function guard<T extends Error>(type: abstract new (...args: never[]) => T, ...names: string[]) {
  return (value: unknown): value is T => value instanceof type || hasName(value, names);
}

function hasName(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && names.includes(name);
}

/** The name of every davkit error class: a copy of the error, or of its `toJSON()` data, is known by it. */
type DavErrorName =
  | 'DavError'
  | DavHttpError['name']
  | MultiStatusError['name']
  | DavParseError['name']
  | DavNetworkError['name']
  | DavTimeoutError['name']
  | DavAbortError['name']
  | DavBodyTooLargeError['name']
  | DavUsageError['name']
  | DavUnfixableError['name']
  | DavBatchError['name']
  | DavVerificationError['name'];

// A registry rather than a list, so that a name missing from it fails to compile.
const ERROR_NAMES: { readonly [Name in DavErrorName]-?: true } = {
  DavError: true,
  DavHttpError: true,
  MultiStatusError: true,
  DavParseError: true,
  DavNetworkError: true,
  DavTimeoutError: true,
  DavAbortError: true,
  DavBodyTooLargeError: true,
  DavUsageError: true,
  DavUnfixableError: true,
  DavBatchError: true,
  DavVerificationError: true,
};

const DAV_ERROR_NAMES: readonly string[] = Object.keys(ERROR_NAMES);

/**
 * Whether a value is an error thrown by davkit (any copy of it), or the data of one: as the class
 * guards do, it accepts an error from another realm or copy of davkit, an error's `toJSON()` data and
 * its `structuredClone`/JSON copies, by the `name` of a davkit error class.
 *
 * @example
 * ```ts
 * catch (error) { if (isDavError(error)) report(error.name, error.message); }
 * ```
 *
 * @group Errors
 */
export function isDavError(value: unknown): value is DavError {
  return value instanceof DavError || hasBrand(value) || hasName(value, DAV_ERROR_NAMES);
}

function hasBrand(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { isDavError?: unknown }).isDavError === true
  );
}

/**
 * Whether a value is a {@link DavHttpError}: the server refused the request, a {@link MultiStatusError}
 * (a 207 with failures inside) included.
 *
 * @example `if (isDavHttpError(e) && e.status === 423) …`
 *
 * @group Errors
 */
export const isDavHttpError: (value: unknown) => value is DavHttpError = guard(
  DavHttpError,
  'DavHttpError',
  'MultiStatusError',
);

/**
 * Whether a value is a {@link MultiStatusError}. @example `if (isMultiStatusError(e)) console.log(e.multistatus)`
 *
 * @group Errors
 */
export const isMultiStatusError: (value: unknown) => value is MultiStatusError = guard(
  MultiStatusError,
  'MultiStatusError',
);

/**
 * Whether a value is a {@link DavParseError}. @example `if (isDavParseError(e)) console.log(e.position)`
 *
 * @group Errors
 */
export const isDavParseError: (value: unknown) => value is DavParseError = guard(
  DavParseError,
  'DavParseError',
);

/**
 * Whether a value is a {@link DavNetworkError}. @example `if (isDavNetworkError(e)) console.log(e.hint)`
 *
 * @group Errors
 */
export const isDavNetworkError: (value: unknown) => value is DavNetworkError = guard(
  DavNetworkError,
  'DavNetworkError',
);

/**
 * Whether a value is a {@link DavTimeoutError}. @example `if (isDavTimeoutError(e)) retryLater()`
 *
 * @group Errors
 */
export const isDavTimeoutError: (value: unknown) => value is DavTimeoutError = guard(
  DavTimeoutError,
  'DavTimeoutError',
);

/**
 * Whether a value is a {@link DavAbortError}. @example `if (isDavAbortError(e)) return`
 *
 * @group Errors
 */
export const isDavAbortError: (value: unknown) => value is DavAbortError = guard(
  DavAbortError,
  'DavAbortError',
);

/**
 * Whether a value is a {@link DavBodyTooLargeError}. @example `if (isDavBodyTooLargeError(e)) console.log(e.limit)`
 *
 * @group Errors
 */
export const isDavBodyTooLargeError: (value: unknown) => value is DavBodyTooLargeError = guard(
  DavBodyTooLargeError,
  'DavBodyTooLargeError',
);

/**
 * Whether a value is a {@link DavUsageError}. @example `if (isDavUsageError(e)) throw e`
 *
 * @group Errors
 */
export const isDavUsageError: (value: unknown) => value is DavUsageError = guard(
  DavUsageError,
  'DavUsageError',
);

/**
 * Whether a value is a {@link DavUnfixableError}. @example `if (isDavUnfixableError(e)) console.log(e.causes)`
 *
 * @group Errors
 */
export const isDavUnfixableError: (value: unknown) => value is DavUnfixableError = guard(
  DavUnfixableError,
  'DavUnfixableError',
);

/**
 * Whether a value is a {@link DavBatchError}. @example `if (isDavBatchError(e)) console.log(e.causes)`
 *
 * @group Errors
 */
export const isDavBatchError: (value: unknown) => value is DavBatchError = guard(
  DavBatchError,
  'DavBatchError',
);

/**
 * Whether a value is a {@link DavVerificationError}: a transfer's check found the file not as sent.
 *
 * @example
 * ```ts
 * catch (error) { if (isDavVerificationError(error)) console.log(error.expected.size, error.actual.size); }
 * ```
 *
 * @group Errors
 */
export const isDavVerificationError: (value: unknown) => value is DavVerificationError = guard(
  DavVerificationError,
  'DavVerificationError',
);

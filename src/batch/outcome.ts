import { parseRetryAfter } from '../analysis/retry-after.ts';
import {
  isDavAbortError,
  isDavBodyTooLargeError,
  isDavHttpError,
  isDavNetworkError,
  isDavParseError,
  isDavTimeoutError,
  isMultiStatusError,
} from '../errors/guards.ts';
import type { FailureDescriptor, PlannedStep, StepFailure, StepSuccess, StepValue } from '../model/batch.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { Verification } from '../model/results.ts';

type StepIdentity = Pick<StepSuccess, 'id' | 'method' | 'path' | 'destination' | 'attempt'>;

/** The identity fields of a step's result. */
export function identity(step: PlannedStep, attempt: number): StepIdentity {
  return {
    id: step.id,
    method: step.method,
    path: step.path,
    ...(step.destination === undefined ? {} : { destination: step.destination }),
    attempt,
  };
}

function isMultiStatus(value: unknown): value is MultiStatus {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'multistatus';
}

/** A success as plain data. */
export function successOf(
  step: PlannedStep,
  attempt: number,
  status: number,
  value: unknown,
  verification?: Verification,
): StepSuccess {
  return {
    kind: 'success',
    ...identity(step, attempt),
    status,
    ...(value === undefined ? {} : { value: value as StepValue }),
    ...(isMultiStatus(value) ? { multistatus: value } : {}),
    ...(verification === undefined ? {} : { verification }),
  };
}

function descriptorOf(error: unknown): FailureDescriptor {
  if (isMultiStatusError(error)) {
    return { kind: 'multistatus', status: error.status };
  }
  if (isDavHttpError(error)) {
    return error.statusText
      ? { kind: 'http', status: error.status, reason: error.statusText }
      : { kind: 'http', status: error.status };
  }
  if (isDavTimeoutError(error)) {
    return { kind: 'timeout', timeoutMs: error.timeout };
  }
  if (isDavAbortError(error)) {
    return { kind: 'aborted' };
  }
  if (isDavNetworkError(error)) {
    return { kind: 'network', message: error.message };
  }
  if (isDavParseError(error)) {
    return { kind: 'parse', message: error.message };
  }
  if (isDavBodyTooLargeError(error)) {
    return { kind: 'too-large', limit: error.limit, limitName: error.limitName };
  }
  const named = error instanceof Error ? error : new Error(String(error));
  return { kind: 'error', name: named.name, message: named.message };
}

/**
 * A failure as plain data: what the error says, never the error object itself. It keeps what
 * explaining it needs, as it was learned: the request as sent (plain, redacted), the server paths,
 * the conditions and multistatus of the answer, and `Retry-After` in ms.
 */
export function failureOf(step: PlannedStep, attempt: number, error: unknown): StepFailure {
  const descriptor = descriptorOf(error);
  const http = isDavHttpError(error) ? error : undefined;
  const locks = http?.request.locks;
  const retryAfterMs = parseRetryAfter(http?.headers['retry-after']);
  const status = 'status' in descriptor ? descriptor.status : undefined;
  return {
    kind: 'failure',
    ...identity(step, attempt),
    serverPath: step.serverPath,
    ...(step.serverDestination === undefined ? {} : { serverDestination: step.serverDestination }),
    ...(http === undefined ? {} : { request: http.request }),
    ...(status === undefined ? {} : { status }),
    error: descriptor,
    conditions: http?.conditions ?? [],
    ...(http?.multistatus === undefined ? {} : { multistatus: http.multistatus }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(locks === undefined ? {} : { locks }),
    ...(http?.discoveredLock === undefined ? {} : { discoveredLock: http.discoveredLock }),
    ...(isMultiStatusError(error) && error.unrequested.length > 0 ? { unrequested: error.unrequested } : {}),
  };
}

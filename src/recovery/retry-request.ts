import { causesFromFailedRequest } from '../analysis/error-causes.ts';
import type { DavHttpError } from '../errors/dav-http-error.ts';
import type { MultiStatusError } from '../errors/multi-status-error.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import {
  applyFixes,
  causeKey,
  checkRetryOptions,
  type FixFunction,
  nextStep,
  type RetryAfterFixOptions,
} from './apply-fixes.ts';
import { replayFor } from './replay-registry.ts';

/**
 * Fixes the root causes of one failed request and sends that whole request again, up to
 * `maxAttempts` times or until a cause returns after its fix. Resolves with the request's value;
 * rejects with the last error.
 */
export async function retryRequestAfterFix(
  error: DavHttpError | MultiStatusError,
  fix: FixFunction | undefined,
  options: RetryAfterFixOptions = {},
): Promise<unknown> {
  const replay = replayFor(error);
  if (replay === undefined) {
    throw new DavUsageError(
      'retryAfterFix() needs an error thrown by a davkit client call (this one was not, or was copied)',
    );
  }
  checkRetryOptions(options);
  const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
  const context = { client: replay.client, signal: options.signal, deadline };
  let last: DavHttpError | MultiStatusError = error;
  let fixed = new Set<string>();
  for (let attempt = 0; attempt < (options.maxAttempts ?? 3); ) {
    options.signal?.throwIfAborted();
    const causes = causesFromFailedRequest(last);
    const step = await nextStep(causes, fixed, deadline, options.signal);
    if (step === 'stop') {
      break;
    }
    attempt += step === 'fix' ? 1 : 0;
    await applyFixes(causes, fix, context);
    fixed = new Set(causes.map(causeKey));
    try {
      const submitTokens = causes.some((cause) => cause.fix.kind === 'submit-lock-token');
      return await replay.run(replay.operation, submitTokens ? { lockTokens: true } : {});
    } catch (next) {
      if (!isFailedRequest(next)) {
        throw next;
      }
      last = next;
    }
  }
  throw last;
}

// By name, not with the guards: error classes import this module, the guards import the classes.
function isFailedRequest(error: unknown): error is DavHttpError | MultiStatusError {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'DavHttpError' || name === 'MultiStatusError';
}

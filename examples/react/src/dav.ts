import {
  type BatchResult,
  createClient,
  type DavClient,
  explain,
  type FixFunction,
  fixers,
  isDavHttpError,
  isDavUnfixableError,
  isMultiStatusError,
  type RootCause,
} from 'davkit';

/** The WebDAV root: `?dav=<url>` on the page URL, else where `npm run example:react` starts its server. */
export const DAV_URL = new URLSearchParams(window.location.search).get('dav') ?? 'http://127.0.0.1:4918/dav/';

export const dav: DavClient = createClient({ baseUrl: DAV_URL });

/** A batch that did not fully succeed, as an error, so React Query treats it as a failed mutation. */
export class BatchFailure extends Error {
  constructor(readonly result: BatchResult) {
    super(`${result.steps.filter((step) => step.kind !== 'success').length} step(s) of the batch failed`);
  }
}

/** Runs a batch; rejects with a {@link BatchFailure} unless every step succeeded. */
export async function runBatch(result: Promise<BatchResult>): Promise<BatchResult> {
  const done = await result;
  if (!done.ok) {
    throw new BatchFailure(done);
  }
  return done;
}

/** What the UI shows of a failure: its root causes, and a way to fix them and resubmit. */
export interface Problem {
  readonly message: string;
  readonly causes: readonly RootCause[];
  readonly explanation: string;
  /** davkit's built-in fixers can resolve every cause. */
  readonly fixable: boolean;
  readonly retryAfterFix?: (fix?: FixFunction) => Promise<unknown>;
}

export function problemOf(error: unknown): Problem {
  const described = (causes: readonly RootCause[], retryAfterFix?: Problem['retryAfterFix']): Problem => ({
    message: error instanceof Error ? error.message : String(error),
    causes,
    explanation: explain(causes),
    fixable: causes.every((cause) => fixers[cause.fix.kind] !== undefined),
    ...(retryAfterFix ? { retryAfterFix } : {}),
  });
  if (error instanceof BatchFailure) {
    return described(error.result.rootCauses(), (fix) => runBatch(error.result.retryAfterFix(fix)));
  }
  if (isDavHttpError(error) || isMultiStatusError(error)) {
    return described(error.rootCauses(), (fix) => error.retryAfterFix(fix));
  }
  return described(isDavUnfixableError(error) ? error.causes : []);
}

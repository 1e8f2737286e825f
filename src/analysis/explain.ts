import type { Fix, RootCause } from '../model/root-cause.ts';
import { type Explainable, rootCauses } from './root-causes.ts';

function describeFix(fix: Fix): string {
  switch (fix.kind) {
    case 'submit-lock-token':
      return `submit the lock token for ${fix.lockRoot}${fix.token === undefined ? '' : ' (this client holds it)'}`;
    case 'wait-for-unlock':
      return `wait until the lock on ${fix.lockRoot} is released${fix.expiresIn === undefined ? '' : ` (expires in ${fix.expiresIn} s)`}`;
    case 'create-parent':
      return `create the collection ${fix.path}`;
    case 'remove-protected-property':
      return `leave the protected property ${fix.prop} out`;
    case 'destination-exists':
      return `${fix.path} exists and was not to be replaced: allow overwriting, or pick another name`;
    case 'refresh-etag':
      return `read ${fix.path} again: it changed since its ETag was taken`;
    case 'reauthenticate':
      return 'sign in again';
    case 'retry-later':
      return `try again later${fix.afterMs === undefined ? '' : ` (in ${Math.ceil(fix.afterMs / 1000)} s)`}`;
    case 'none':
      return 'nothing davkit can do automatically';
  }
}

/**
 * Options of {@link explain}.
 *
 * @group Batches and root causes
 */
export interface ExplainOptions {
  /**
   * How many root causes, and blocked steps per cause, are listed before "… and N more" (default
   * 10); `'all'` lists everything.
   */
  readonly limit?: number | 'all';
}

function more(count: number, what: string): string {
  return `… and ${count} more ${what}${count === 1 ? '' : 's'}`;
}

function describeCause(cause: RootCause, limit: number): string[] {
  const where = `${cause.step === undefined ? '' : `step ${cause.step}: `}${cause.method === undefined ? '' : `${cause.method} `}${cause.path}${cause.prop === undefined ? '' : ` ${cause.prop}`}`;
  const what = cause.status === 0 ? 'no answer' : String(cause.status);
  const lines = [
    `${cause.unexplained ? 'unexplained ' : ''}${what} at ${where}${cause.condition === undefined ? '' : ` (${cause.condition.name})`}${cause.description === undefined ? '' : ` — ${cause.description}`}`,
  ];
  for (const dependent of cause.dependents.slice(0, limit)) {
    const label = `${dependent.step === undefined ? '' : `step ${dependent.step}: `}${dependent.path}${dependent.prop === undefined ? '' : ` ${dependent.prop}`}`;
    lines.push(`  blocked ${label}${dependent.implied ? ' (implied)' : ''}`);
  }
  if (cause.dependents.length > limit) {
    lines.push(`  ${more(cause.dependents.length - limit, 'blocked step')}`);
  }
  lines.push(`  fix: ${describeFix(cause.fix)}`);
  return lines;
}

/**
 * A short human-readable account of what failed, what it blocked and how to fix it: for logs, the
 * demo, and people.
 *
 * @example
 * ```ts
 * console.log(explain(result));
 * // 409 at step mk: MKCOL /dav/reports/2026/
 * //   blocked step put: /dav/reports/2026/q4.csv
 * //   fix: create the collection /dav/reports/
 * console.log(explain(result, { limit: 'all' })); // every blocked step, not the first 10
 * ```
 *
 * @group Batches and root causes
 */
export function explain(subject: Explainable | readonly RootCause[], options: ExplainOptions = {}): string {
  const limit = checkLimit(options.limit);
  const causes = Array.isArray(subject)
    ? (subject as readonly RootCause[])
    : rootCauses(subject as Explainable);
  if (causes.length === 0) {
    return 'nothing failed';
  }
  const lines = causes.slice(0, limit).flatMap((cause) => describeCause(cause, limit));
  if (causes.length > limit) {
    lines.push(more(causes.length - limit, 'root cause'));
  }
  return lines.join('\n');
}

/** The `limit` option as a number (analysis throws no davkit errors: a bad value is a RangeError). */
function checkLimit(limit: unknown): number {
  if (limit === undefined) {
    return 10;
  }
  if (limit === 'all') {
    return Number.POSITIVE_INFINITY;
  }
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0) {
    return limit;
  }
  throw new RangeError("explain(): limit must be a whole number of at least 0, or 'all'");
}

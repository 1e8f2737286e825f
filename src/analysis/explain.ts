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

function describeCause(cause: RootCause): string[] {
  const where = `${cause.step === undefined ? '' : `step ${cause.step}: `}${cause.method === undefined ? '' : `${cause.method} `}${cause.path}${cause.prop === undefined ? '' : ` ${cause.prop}`}`;
  const what = cause.status === 0 ? 'no answer' : String(cause.status);
  const lines = [
    `${cause.unexplained ? 'unexplained ' : ''}${what} at ${where}${cause.condition === undefined ? '' : ` (${cause.condition.name})`}${cause.description === undefined ? '' : ` — ${cause.description}`}`,
  ];
  for (const dependent of cause.dependents) {
    const label = `${dependent.step === undefined ? '' : `step ${dependent.step}: `}${dependent.path}${dependent.prop === undefined ? '' : ` ${dependent.prop}`}`;
    lines.push(`  blocked ${label}${dependent.implied ? ' (implied)' : ''}`);
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
 * ```
 *
 * @group Batches and root causes
 */
export function explain(subject: Explainable | readonly RootCause[]): string {
  const causes = Array.isArray(subject)
    ? (subject as readonly RootCause[])
    : rootCauses(subject as Explainable);
  if (causes.length === 0) {
    return 'nothing failed';
  }
  return causes.flatMap(describeCause).join('\n');
}

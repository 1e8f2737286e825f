import type { DavCondition, MultiStatus } from '../model/multistatus.ts';
import type { ClarkName } from '../model/names.ts';
import { primaryCondition } from './conditions.ts';

/** One failed status inside a multistatus: a whole resource, or one property of it. */
export interface Failure {
  readonly path: string;
  readonly href: string;
  readonly status: number;
  readonly prop?: ClarkName;
  readonly condition?: DavCondition;
  readonly description?: string;
  /** Index of the `DAV:response` it came from, to group the properties of one PROPPATCH response. */
  readonly response: number;
}

/** Statuses that are failures (3xx included: a multistatus has no business redirecting). */
function failed(status: number): boolean {
  return status >= 300;
}

/**
 * Every failure in a multistatus, in document order: a status response is one failure, a failed
 * propstat is one failure per property it lists.
 */
export function collectFailures(multistatus: MultiStatus): Failure[] {
  const failures: Failure[] = [];
  multistatus.responses.forEach((response, index) => {
    const base = { path: response.path, href: response.href, response: index };
    if (response.kind === 'status') {
      if (failed(response.status)) {
        failures.push(withExtras({ ...base, status: response.status }, response.error, response.description));
      }
      return;
    }
    for (const propstat of response.propstats) {
      if (!failed(propstat.status)) {
        continue;
      }
      const error = propstat.error ?? response.error;
      const description = propstat.description ?? response.description;
      const props = Object.keys(propstat.props);
      for (const prop of props.length > 0 ? props : [undefined]) {
        const failure =
          prop === undefined
            ? { ...base, status: propstat.status }
            : { ...base, status: propstat.status, prop };
        failures.push(withExtras(failure, error, description));
      }
    }
  });
  return failures;
}

function withExtras(
  failure: Omit<Failure, 'condition' | 'description'>,
  error: readonly DavCondition[] | undefined,
  description: string | undefined,
): Failure {
  const condition = primaryCondition(error);
  return {
    ...failure,
    ...(condition === undefined ? {} : { condition }),
    ...(description === undefined ? {} : { description }),
  };
}

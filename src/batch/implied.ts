import { WRITE_METHODS } from '../transport/methods.ts';
import { isSameOrAncestor, samePath } from '../utils/href.ts';

/** The paths of a step, as the server sees them, for dependency inference. */
export interface StepPaths {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly destination?: string;
}

const WRITES: ReadonlySet<string> = new Set(WRITE_METHODS);

/** What a step brings into existence: PUT and MKCOL their path, COPY and MOVE their destination. */
function created(step: StepPaths): string | undefined {
  if (step.method === 'PUT' || step.method === 'MKCOL') {
    return step.path;
  }
  return step.method === 'COPY' || step.method === 'MOVE' ? step.destination : undefined;
}

function touched(step: StepPaths): string[] {
  return step.destination === undefined ? [step.path] : [step.path, step.destination];
}

/**
 * The earlier steps a step depends on by its paths alone: those that create, copy or move something
 * to its path (or destination) or to an ancestor of it, and earlier writes to the same path.
 *
 * @example
 * ```ts
 * impliedPrerequisites({ id: 'put', method: 'PUT', path: '/r/2026/q4.csv' },
 *   [{ id: 'mk', method: 'MKCOL', path: '/r/2026/' }]); // ['mk']
 * ```
 */
export function impliedPrerequisites(step: StepPaths, earlier: readonly StepPaths[]): string[] {
  const targets = touched(step);
  return earlier
    .filter((before) => {
      const made = created(before);
      if (made !== undefined && targets.some((target) => isSameOrAncestor(made, target))) {
        return true;
      }
      return (
        WRITES.has(before.method) &&
        touched(before).some((path) => targets.some((target) => samePath(path, target)))
      );
    })
    .map((before) => before.id);
}

import { factsOf, isWriteMethod } from '../model/methods.ts';
import { parentPath, trimTrailingSlash } from '../utils/href.ts';

/** The paths of a step, as the server sees them, for dependency inference. */
export interface StepPaths {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly destination?: string;
}

/** What a step brings into existence: PUT and MKCOL their path, COPY and MOVE their destination. */
function created(step: StepPaths): string | undefined {
  const creates = factsOf(step.method)?.creates;
  return creates === 'target' ? step.path : creates === 'destination' ? step.destination : undefined;
}

function touched(step: StepPaths): string[] {
  return step.destination === undefined ? [step.path] : [step.path, step.destination];
}

/** The path and each of its ancestors, as trailing-slash-free keys (`/a/b/c` → `/a/b/c`, `/a/b`, `/a`, ``). */
function selfAndAncestors(path: string): string[] {
  const keys: string[] = [];
  for (let current: string | undefined = path; current !== undefined; current = parentPath(current)) {
    keys.push(trimTrailingSlash(current));
  }
  return keys;
}

/**
 * Dependencies implied by paths, kept as an index so that adding a step costs O(depth), not O(steps):
 * a step depends on the latest earlier step that creates (PUT, MKCOL) or copies/moves something to its
 * path, its destination or any of their ancestors, and on the latest earlier write to the same path.
 * "Latest" suffices: each of those depends in turn on the ones before it.
 */
export class DependencyIndex {
  private readonly order = new Map<string, number>();
  private readonly creators = new Map<string, string>();
  private readonly writers = new Map<string, string>();

  /**
   * The prerequisites of `step` among the steps added so far, in the order they were added. With
   * `parallel`, earlier writes to (and the creation of) the step's own paths are not among them: only
   * what creates their ancestors.
   */
  prerequisitesOf(step: StepPaths, parallel = false): string[] {
    const found = new Set<string>();
    for (const target of touched(step)) {
      const keys = selfAndAncestors(target);
      for (const key of parallel ? keys.slice(1) : keys) {
        const creator = this.creators.get(key);
        if (creator !== undefined) {
          found.add(creator);
        }
      }
      const writer = parallel ? undefined : this.writers.get(trimTrailingSlash(target));
      if (writer !== undefined) {
        found.add(writer);
      }
    }
    return [...found].sort((a, b) => (this.order.get(a) as number) - (this.order.get(b) as number));
  }

  /** Records a step, so that later steps can depend on it. */
  add(step: StepPaths): void {
    this.order.set(step.id, this.order.size);
    const made = created(step);
    if (made !== undefined) {
      this.creators.set(trimTrailingSlash(made), step.id);
    }
    if (isWriteMethod(step.method)) {
      for (const path of touched(step)) {
        this.writers.set(trimTrailingSlash(path), step.id);
      }
    }
  }
}

/**
 * The earlier steps a step depends on by its paths alone: the latest earlier step that creates,
 * copies or moves something to its path, its destination or an ancestor of them, and the latest
 * earlier write to the same path.
 *
 * @example
 * ```ts
 * impliedPrerequisites({ id: 'put', method: 'PUT', path: '/r/2026/q4.csv' },
 *   [{ id: 'mk', method: 'MKCOL', path: '/r/2026/' }]); // ['mk']
 * ```
 */
export function impliedPrerequisites(step: StepPaths, earlier: readonly StepPaths[]): string[] {
  const index = new DependencyIndex();
  for (const before of earlier) {
    index.add(before);
  }
  return index.prerequisitesOf(step);
}

import type { Compensation, PlannedStep, StepResult, StepSuccess } from '../model/batch.ts';
import { isSafeMethod } from '../model/methods.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import { operations } from '../operations/operations.ts';
import type { Session } from '../session/session.ts';
import type { CompensateFunction } from './options.ts';
import { failureOf } from './outcome.ts';

/** The request that undoes a completed step, when davkit knows one. */
function defaultUndo(
  step: PlannedStep,
  result: StepSuccess,
): ((session: Session) => Promise<unknown>) | undefined {
  const created = (result.value as { created?: boolean } | undefined)?.created === true;
  switch (step.method) {
    case 'MKCOL':
      return (session) => session.run(operations.delete(step.path));
    case 'PUT':
      return created ? (session) => session.run(operations.delete(step.path)) : undefined;
    case 'COPY':
      return created && step.destination !== undefined
        ? (session) => session.run(operations.delete(step.destination as string))
        : undefined;
    case 'MOVE':
      return step.destination === undefined
        ? undefined
        : (session) =>
            session.run(operations.move(step.destination as string, step.path, { overwrite: false }));
    case 'LOCK': {
      const token = (result.value as ActiveLock | undefined)?.token;
      return token === undefined ? undefined : (session) => session.run(operations.unlock(step.path, token));
    }
    default:
      return undefined;
  }
}

/**
 * Undoes the completed steps of a failed atomic run, last first: MKCOL, a new PUT or a new COPY →
 * DELETE; MOVE → MOVE back; LOCK → UNLOCK; anything else through the step's own `compensate`.
 * Every undo is attempted even when one fails; the report says what happened to each.
 */
export async function compensate(
  session: Session,
  plan: readonly PlannedStep[],
  results: readonly StepResult[],
  custom: ReadonlyMap<string, CompensateFunction>,
): Promise<Compensation> {
  const undone: { step: string; method: string; path: string }[] = [];
  const failed: Compensation['failed'][number][] = [];
  const notUndoable: string[] = [];
  for (let i = results.length - 1; i >= 0; i--) {
    const result = results[i] as StepResult;
    const step = plan[i] as PlannedStep;
    if (result.kind !== 'success' || isSafeMethod(step.method)) {
      continue;
    }
    const own = custom.get(step.id);
    const undo =
      own === undefined ? defaultUndo(step, result) : (s: Session) => Promise.resolve(own(s, result));
    if (undo === undefined) {
      notUndoable.push(step.id);
      continue;
    }
    const entry = { step: step.id, method: step.method, path: step.path };
    try {
      await undo(session);
      undone.push(entry);
    } catch (error) {
      failed.push({ ...entry, error: failureOf(step, result.attempt, error).error });
    }
  }
  return { undone, failed, notUndoable };
}

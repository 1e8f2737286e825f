import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FixFunction } from 'davkit';
import { problemOf } from './dav.ts';

/** A failed mutation, with an optional fix of the caller's own (a decision davkit leaves to people). */
export interface Failure {
  readonly id: number;
  readonly action: string;
  readonly error: unknown;
  readonly customFix?: { readonly label: string; readonly fix: FixFunction };
}

/** The root causes of a failure, and "retry after fix": davkit's fixers, or the caller's fix. */
export function ProblemPanel({ failure, onDismiss }: { failure: Failure; onDismiss: () => void }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    // After a failed retry, the next one starts from the newest error.
    mutationFn: (fix?: FixFunction) => problem.retryAfterFix?.(fix) ?? Promise.resolve(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['dav'] }),
  });
  const problem = problemOf(retry.isError ? retry.error : failure.error);
  const state = retry.isSuccess ? 'fixed' : retry.isPending ? 'retrying' : 'failed';
  return (
    <section aria-label="Problem" className={`problem ${state}`} data-state={state}>
      <header>
        <strong>
          {retry.isSuccess ? `${failure.action}: fixed and retried` : `${failure.action} failed`}
        </strong>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </header>
      {!retry.isSuccess && <p>{problem.message}</p>}
      <h3>{retry.isSuccess ? 'Root causes (fixed)' : 'Root causes'}</h3>
      <pre>{problem.explanation}</pre>
      {!retry.isSuccess && problem.retryAfterFix && (
        <p>
          {problem.fixable ? (
            <button type="button" disabled={retry.isPending} onClick={() => retry.mutate(undefined)}>
              {retry.isPending ? 'Fixing and retrying…' : 'Retry after fix'}
            </button>
          ) : (
            <span>davkit cannot fix this on its own. </span>
          )}
          {failure.customFix && (
            <button
              type="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate(failure.customFix?.fix)}
            >
              {failure.customFix.label}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import { PlanBuilder } from './plan-builder.ts';
import {
  type LoggedCall,
  type LoggedStep,
  type LoggedTokenCall,
  operationStep,
  type StepSink,
} from './step-log.ts';

/** The operation a logged verb call sends (its builder checks the rest of its arguments now). */
function operationOf(call: LoggedCall): Operation<unknown> {
  // One builder per verb, called with the arguments it was logged with (a union the compiler cannot
  // pair up by itself).
  const build = operations[call.verb] as (...args: LoggedCall['args']) => Operation<unknown>;
  return build(...call.args);
}

/** How a token step's operation is made, once its token is known. */
function tokenOperation(call: LoggedTokenCall): (token: string) => Operation<unknown> {
  return call.verb === 'unlock'
    ? (token) => operations.unlock(call.path, token)
    : (token) => operations.refreshLock(call.path, call.url, token, call.options);
}

/**
 * The plan of a batch's logged steps, made in the order they were added (so every implied
 * prerequisite is the one adding them there and then would give). Each verb's operation is built now,
 * and a group (an upload) planned now, in its place: an argument its builder refuses rejects the run
 * with that `DavUsageError`, before anything is sent.
 *
 * @example
 * ```ts
 * const plan = await planOfLog(new URL(session.baseUrl), log.steps);
 * ```
 */
export async function planOfLog(base: URL, steps: readonly LoggedStep[]): Promise<PlanBuilder> {
  const plan = new PlanBuilder(base);
  const sink: StepSink = {
    operation: (operation, options = {}) => {
      const step = operationStep(operation, options);
      return plan.add(step.operation, options, step.build);
    },
  };
  for (const step of steps) {
    switch (step.kind) {
      case 'operation':
        plan.add(step.operation, step.options, step.build);
        break;
      case 'call':
        plan.add(operationOf(step.call), step.options);
        break;
      case 'write':
        plan.addWrite(step.write, step.options);
        break;
      case 'token':
        plan.addWithToken(step.call.token, step.options, tokenOperation(step.call));
        break;
      case 'group':
        await step.plan(sink);
        break;
    }
  }
  return plan;
}

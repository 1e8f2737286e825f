/**
 * `DavBatchError.retryAfterFix()` resolves with the live result the batch's next run produced (issue 12:
 * it was typed as plain `BatchResultData`, so an app could not chain `.throwIfFailed()` without a cast).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  BatchResult,
  BatchResultData,
  DavBatchError,
  DavHttpError,
  LiveBatchResult,
  RootCause,
  StepResult,
} from '../../src/index.ts';
import { retryAfterFix } from '../../src/index.ts';

describe('DavBatchError.retryAfterFix', () => {
  it('resolves with a result that has the methods of a BatchResult', async () => {
    const error = {} as DavBatchError;
    const next = await error.retryAfterFix();
    // React Query: a mutation that resubmits and still rejects on failure, without a cast.
    expectTypeOf(next.throwIfFailed).returns.toHaveProperty('ok');
    expectTypeOf(next.rootCauses).returns.toEqualTypeOf<RootCause[]>();
    expectTypeOf(next.step).returns.toEqualTypeOf<StepResult | undefined>();
    expectTypeOf(next.toJSON).returns.toEqualTypeOf<BatchResultData>();
    const again = await next.retryAfterFix();
    expectTypeOf(again).toEqualTypeOf<LiveBatchResult>();
    expectTypeOf(again.throwIfFailed()).toEqualTypeOf<LiveBatchResult>();
  });

  it('a BatchResult is what it promises, and its data is still the plain part', async () => {
    const result = {} as BatchResult;
    const error = {} as DavBatchError;
    const next = await error.retryAfterFix();
    expectTypeOf(result).toMatchTypeOf<LiveBatchResult>();
    expectTypeOf(result.throwIfFailed()).toEqualTypeOf<BatchResult>();
    expectTypeOf(result.retryAfterFix()).toEqualTypeOf<Promise<BatchResult>>();
    expectTypeOf(next).toMatchTypeOf<BatchResultData>();
    expectTypeOf(error.result).toEqualTypeOf<BatchResultData>();
  });
});

describe('the free retryAfterFix()', () => {
  it('resolves with the live result for a batch result or a DavBatchError (it was typed unknown)', () => {
    expectTypeOf(retryAfterFix({} as BatchResult)).toEqualTypeOf<Promise<LiveBatchResult>>();
    expectTypeOf(retryAfterFix({} as DavBatchError)).toEqualTypeOf<Promise<LiveBatchResult>>();
    expectTypeOf(retryAfterFix(structuredClone({} as BatchResultData))).toEqualTypeOf<
      Promise<LiveBatchResult>
    >();
  });

  it('resolves with the request’s value, unknown to it, for a refusal', () => {
    expectTypeOf(retryAfterFix({} as DavHttpError)).toEqualTypeOf<Promise<unknown>>();
  });
});

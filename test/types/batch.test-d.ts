import { describe, expectTypeOf, it } from 'vitest';
import type { Batch, DavClient, StepOptions, UploadBody } from '../../src/index.ts';

// Issue 14.3: every batch.<verb> takes exactly the client verb's arguments; the step's own options
// (id, after, compensate) join the verb's last options object, nothing else changes.
type Args<F> = F extends (...args: infer A) => unknown ? A : never;
/** The arguments before the last options object (index `n` is the options). */
type Leading<F, N extends number> =
  Args<F> extends [...infer All] ? (N extends 1 ? [All[0]] : N extends 2 ? [All[0], All[1]] : []) : never;
type Options<F, N extends number> = NonNullable<Args<F>[N]>;

describe('batch verbs mirror the client verbs', () => {
  it('same leading arguments', () => {
    expectTypeOf<Leading<Batch['put'], 2>>().toEqualTypeOf<[string, UploadBody]>();
    expectTypeOf<Leading<Batch['put'], 2>>().toEqualTypeOf<Leading<DavClient['put'], 2>>();
    expectTypeOf<Leading<Batch['copy'], 2>>().toEqualTypeOf<Leading<DavClient['copy'], 2>>();
    expectTypeOf<Leading<Batch['move'], 2>>().toEqualTypeOf<Leading<DavClient['move'], 2>>();
    expectTypeOf<Leading<Batch['delete'], 1>>().toEqualTypeOf<Leading<DavClient['delete'], 1>>();
    expectTypeOf<Leading<Batch['mkcol'], 1>>().toEqualTypeOf<Leading<DavClient['mkcol'], 1>>();
    expectTypeOf<Leading<Batch['mkdirp'], 1>>().toEqualTypeOf<Leading<DavClient['mkdirp'], 1>>();
    expectTypeOf<Leading<Batch['proppatch'], 1>>().toEqualTypeOf<Leading<DavClient['proppatch'], 1>>();
    expectTypeOf<Leading<Batch['propfind'], 1>>().toEqualTypeOf<Leading<DavClient['propfind'], 1>>();
    expectTypeOf<Leading<Batch['lock'], 1>>().toEqualTypeOf<Leading<DavClient['lock'], 1>>();
    expectTypeOf<Leading<Batch['head'], 1>>().toEqualTypeOf<Leading<DavClient['head'], 1>>();
    expectTypeOf<Leading<Batch['report'], 2>>().toEqualTypeOf<Leading<DavClient['report'], 2>>();
    expectTypeOf<Leading<Batch['search'], 2>>().toEqualTypeOf<Leading<DavClient['search'], 2>>();
    expectTypeOf<Leading<Batch['options'], 1>>().toEqualTypeOf<Leading<DavClient['options'], 1>>();
  });

  it("the last options object is the client verb's, plus the step options", () => {
    expectTypeOf<Options<Batch['put'], 2>>().toEqualTypeOf<Options<DavClient['put'], 2> & StepOptions>();
    expectTypeOf<Options<Batch['copy'], 2>>().toEqualTypeOf<Options<DavClient['copy'], 2> & StepOptions>();
    expectTypeOf<Options<Batch['move'], 2>>().toEqualTypeOf<Options<DavClient['move'], 2> & StepOptions>();
    expectTypeOf<Options<Batch['delete'], 1>>().toEqualTypeOf<
      Options<DavClient['delete'], 1> & StepOptions
    >();
    expectTypeOf<Options<Batch['mkcol'], 1>>().toEqualTypeOf<Options<DavClient['mkcol'], 1> & StepOptions>();
    expectTypeOf<Options<Batch['proppatch'], 1>>().toEqualTypeOf<
      Options<DavClient['proppatch'], 1> & StepOptions
    >();
    expectTypeOf<Options<Batch['lock'], 1>>().toEqualTypeOf<Options<DavClient['lock'], 1> & StepOptions>();
    // `verify` is a write verb's own option, so a write step takes it where the client call does.
    expectTypeOf<Options<Batch['put'], 2>['verify']>().toEqualTypeOf<boolean | undefined>();
  });
});

/**
 * Property-based tests of `decodeMultiStatus` (fast-check): generated multistatus documents, written
 * with random prefixes, default namespaces, inner redeclarations, references and CDATA, decode to the
 * generator's model: same Clark names, same values, whatever the spelling.
 *
 * Arbitrary input (random bytes and strings, token soup, mutated captures) through both decoders is
 * in fuzz.test.ts, with the generators `npm run fuzz` uses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus } from '../../src/index.ts';
import { documentModel, expectedDecode, render } from './generated-documents.ts';

const RUNS = 500;

describe('generated multistatus documents decode to their model, whatever the spelling', () => {
  it('same responses, statuses, Clark names and values under random prefixes and declarations', () => {
    fc.assert(
      fc.property(documentModel, (model) => {
        expect(decodeMultiStatus(render(model))).toEqual(expectedDecode(model));
      }),
      { numRuns: RUNS },
    );
  });

  it('a document and its re-spelling (other noise) decode identically', () => {
    fc.assert(
      fc.property(documentModel, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (model, noise) => {
        expect(decodeMultiStatus(render({ ...model, noise }))).toEqual(decodeMultiStatus(render(model)));
      }),
      { numRuns: RUNS },
    );
  });
});

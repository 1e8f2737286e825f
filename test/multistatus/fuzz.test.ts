/**
 * The small fuzz run of `npm test`: 2,000 cases through both decoders (`decodeMultiStatus` and
 * `decodeMultiStatusStream` in random chunks), from the generators `npm run fuzz` uses for its
 * 100,000 (test/fuzz/). Each case must end in a result or a `DavParseError`; when both decoders accept
 * a body they must give the same result; a generated document must decode to its model.
 *
 * Seeds are fixed so that `npm test` is deterministic; `npm run fuzz` explores new seeds on every run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge } from '../fuzz/check.ts';
import { CATEGORIES, type Category, GENERATORS } from '../fuzz/generators.ts';

const RUNS_PER_FAMILY = 400;

const WHAT: Readonly<Record<Category, string>> = {
  bytes: 'random bytes (uniform, and biased to XML and UTF-8 significant values)',
  unicode: 'random Unicode strings, lone surrogates included',
  soup: 'XML token soup (DOCTYPEs, references, CDATA, prototype names)',
  mutated: 'real captures with bytes flipped, truncated, tags removed or duplicated, markup inserted',
  generated: 'generated valid documents with random prefixes, as text, UTF-8 and UTF-16',
};

describe('both decoders on fuzzed input: a result or DavParseError, and the same result', () => {
  it.each(CATEGORIES.map((category, index) => [category, WHAT[category], index] as const))(
    '%s: %s',
    async (category, _what, index) => {
      await fc.assert(
        fc.asyncProperty(GENERATORS[category], async (c) => {
          const verdict = await judge(c);
          expect(verdict.problem).toBeUndefined();
        }),
        { numRuns: RUNS_PER_FAMILY, seed: 7_000 + index },
      );
    },
    // Generous: 400 decodes by two decoders on a machine shared with other work. Not a timing assertion.
    60_000,
  );
});

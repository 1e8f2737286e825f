/**
 * The fuzz run's summary: cases, time and outcomes per family and decoder, the bodies the two
 * decoders disagree on (one accepts, one rejects), and every failure with its seed and minimal input.
 */
import { CATEGORIES, type Category } from '../../test/fuzz/generators.ts';
import { type DecoderCounts, type Disagreement, emptyStats, type Job, type JobStats } from './protocol.ts';

/** What the summary needs besides the counts. */
export interface RunFacts {
  readonly seconds: number;
  readonly seed: number;
  readonly workers: number;
  readonly budgetMs: number;
  readonly strict: boolean;
}

function add(into: DecoderCounts, from: DecoderCounts): void {
  into.result += from.result;
  into.parseError += from.parseError;
  into.unexpected += from.unexpected;
  into.slowestMs = Math.max(into.slowestMs, from.slowestMs);
  into.totalMs += from.totalMs;
}

function merge(into: JobStats, from: JobStats): void {
  into.cases += from.cases;
  add(into.buffered, from.buffered);
  add(into.stream, from.stream);
  into.bothAccepted += from.bothAccepted;
  into.disagreements += from.disagreements;
  into.samples.push(...from.samples);
  into.failures.push(...from.failures);
}

const number = new Intl.NumberFormat('en-US');

function decoderCell(counts: DecoderCounts): string {
  return `${number.format(counts.result)} / ${number.format(counts.parseError)} / ${number.format(counts.unexpected)}`;
}

function row(cells: readonly string[]): string {
  const widths = [10, 9, 26, 26, 9, 9, 9, 20];
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 10)).join(' ');
}

function printDisagreements(category: Category, samples: readonly Disagreement[], total: number): void {
  console.log(
    `\n${category}: ${number.format(total)} bodies accepted by one decoder and rejected by the other; shortest:`,
  );
  const unique = new Map(samples.map((sample) => [sample.input, sample]));
  for (const sample of [...unique.values()].sort((a, b) => a.size - b.size).slice(0, 3)) {
    console.log(
      `  accepted only by ${sample.accepted}; the other said: ${sample.message}\n  ${sample.input}`,
    );
  }
}

/** Prints the summary; returns whether the run failed. */
export function printSummary(
  jobs: readonly Job[],
  results: ReadonlyMap<number, JobStats>,
  facts: RunFacts,
): boolean {
  const byCategory = new Map<Category, JobStats>();
  const all = emptyStats();
  for (const job of jobs) {
    const stats = results.get(job.id) ?? emptyStats();
    const into = byCategory.get(job.category) ?? emptyStats();
    merge(into, stats);
    byCategory.set(job.category, into);
    merge(all, { ...stats, samples: [], failures: [] });
  }
  console.log(
    `\ndavkit fuzz: ${number.format(all.cases)} cases in ${facts.seconds.toFixed(1)} s ` +
      `(seed ${facts.seed}, ${facts.workers} workers, budget ${facts.budgetMs} ms per case under 100 KB)\n`,
  );
  console.log(
    row([
      'family',
      'cases',
      'buffered ok/parse/other',
      'stream ok/parse/other',
      'both ok',
      'disagree',
      'failures',
      'slowest b/s CPU ms',
    ]),
  );
  for (const category of CATEGORIES) {
    const stats = byCategory.get(category);
    if (stats !== undefined) {
      console.log(
        row([
          category,
          number.format(stats.cases),
          decoderCell(stats.buffered),
          decoderCell(stats.stream),
          number.format(stats.bothAccepted),
          number.format(stats.disagreements),
          String(stats.failures.length),
          `${stats.buffered.slowestMs.toFixed(0)} / ${stats.stream.slowestMs.toFixed(0)}`,
        ]),
      );
    }
  }
  const failures = [...byCategory.values()].flatMap((stats) => stats.failures);
  console.log(
    row([
      'total',
      number.format(all.cases),
      decoderCell(all.buffered),
      decoderCell(all.stream),
      number.format(all.bothAccepted),
      number.format(all.disagreements),
      String(failures.length),
      `${all.buffered.slowestMs.toFixed(0)} / ${all.stream.slowestMs.toFixed(0)}`,
    ]),
  );
  console.log(
    `\nCPU time decoding: buffered ${(all.buffered.totalMs / 1000).toFixed(1)} s, stream ${(all.stream.totalMs / 1000).toFixed(1)} s`,
  );
  for (const [category, stats] of byCategory) {
    if (stats.disagreements > 0) {
      printDisagreements(category, stats.samples, stats.disagreements);
    }
  }
  for (const failure of failures) {
    console.log(
      `\nFAILURE (${failure.category}): ${failure.problem}\n` +
        `  reproduce: npm run fuzz -- --only ${failure.category} --seed ${failure.seed} --cases ${failure.numRuns} --workers 1\n` +
        `  fast-check path ${failure.path ?? '-'}, ${failure.shrinks} shrinks; counterexample:\n  ${failure.input}`,
    );
  }
  const failed = failures.length > 0 || (facts.strict && all.disagreements > 0);
  console.log(failed ? '\nfuzz: FAILED' : '\nfuzz: no failures');
  return failed;
}

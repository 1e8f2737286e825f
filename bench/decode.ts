/**
 * `npm run bench` (decode part): davkit's decoders (buffered, incremental as in `list()`, streaming)
 * against npm `webdav`'s `parseXML` and fast-xml-parser's own parse with davkit's options, on 1,000 /
 * 10,000 / 100,000-entry PROPFIND bodies in three server styles. Same process, alternating order,
 * medians and ratios; the incremental decoders get the body in 64 KiB pieces cut beforehand, as the
 * others get it whole. Peak memory per case in a fresh process (there the pieces are generated
 * lazily: the incremental decoders never hold the body).
 *
 * Options: `--sizes 1000,10000` `--styles apache,sabredav` `--no-memory`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type BodyStyle, body, STYLES } from './bodies.ts';
import { DECODERS, type DecoderName, decode, pieces } from './decoders.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const sizes = (option('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const styles = (option('--styles')?.split(',') ?? STYLES) as BodyStyle[];
const withMemory = !process.argv.includes('--no-memory');

function repetitions(n: number): number {
  return n >= 100_000 ? 3 : n >= 10_000 ? 7 : 21;
}

interface Case {
  style: BodyStyle;
  n: number;
  mb: number;
  times: Record<DecoderName, number>;
  memory?: Record<DecoderName, number>;
}

async function timeCase(style: BodyStyle, n: number): Promise<Case> {
  const text = body(style, n);
  const chunks = pieces(text);
  const samples = Object.fromEntries(DECODERS.map((name) => [name, [] as number[]])) as Record<
    DecoderName,
    number[]
  >;
  for (const name of DECODERS) {
    await decode(name, text, style, n, chunks); // warm-up
  }
  const reps = repetitions(n);
  for (let rep = 0; rep < reps; rep++) {
    // Rotate the order every repetition so no decoder always runs after the same one.
    const order = DECODERS.map((_, i) => DECODERS[(i + rep) % DECODERS.length] as DecoderName);
    for (const name of order) {
      const start = performance.now();
      const count = await decode(name, text, style, n, chunks);
      samples[name].push(performance.now() - start);
      if (count !== n && !(name === 'fast-xml-parser')) {
        throw new Error(`${name} decoded ${count} responses of ${n}`);
      }
    }
  }
  const times = Object.fromEntries(DECODERS.map((name) => [name, median(samples[name])])) as Record<
    DecoderName,
    number
  >;
  return { style, n, mb: text.length / 1e6, times };
}

function memoryCase(style: BodyStyle, n: number): Record<DecoderName, number> {
  const memory = {} as Record<DecoderName, number>;
  for (const name of DECODERS) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', 'bench/decode-memory.ts', name, style, String(n)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    memory[name] = (JSON.parse(out.trim().split('\n').pop() as string) as { peakMiB: number }).peakMiB;
  }
  return memory;
}

function report(cases: readonly Case[]): string {
  const rows: string[][] = [
    [
      'style',
      'entries',
      'MB',
      'davkit ms',
      'incremental ms',
      'stream ms',
      'webdav ms',
      'fxp ms',
      'webdav/davkit',
      'webdav/incremental',
      'webdav/stream',
    ],
  ];
  for (const c of cases) {
    const t = c.times;
    rows.push([
      c.style,
      String(c.n),
      c.mb.toFixed(1),
      ms(t.davkit),
      ms(t['davkit-incremental']),
      ms(t['davkit-stream']),
      ms(t.webdav),
      ms(t['fast-xml-parser']),
      ratio(t.webdav / t.davkit),
      ratio(t.webdav / t['davkit-incremental']),
      ratio(t.webdav / t['davkit-stream']),
    ]);
  }
  let text = table(rows);
  const withMem = cases.filter((c) => c.memory !== undefined);
  if (withMem.length > 0) {
    const memRows: string[][] = [
      [
        'style',
        'entries',
        'davkit MiB',
        'incremental MiB',
        'stream MiB',
        'webdav MiB',
        'fxp MiB',
        'davkit/webdav',
        'incremental/webdav',
        'stream/webdav',
      ],
    ];
    for (const c of withMem) {
      const m = c.memory as Record<DecoderName, number>;
      memRows.push([
        c.style,
        String(c.n),
        m.davkit.toFixed(1),
        m['davkit-incremental'].toFixed(1),
        m['davkit-stream'].toFixed(1),
        m.webdav.toFixed(1),
        m['fast-xml-parser'].toFixed(1),
        ratio(m.davkit / m.webdav),
        ratio(m['davkit-incremental'] / m.webdav),
        ratio(m['davkit-stream'] / m.webdav),
      ]);
    }
    text += `\n\nPeak memory above baseline (fresh process per case):\n${table(memRows)}`;
  }
  return text;
}

const cases: Case[] = [];
for (const n of sizes) {
  for (const style of styles) {
    const c = await timeCase(style, n);
    if (withMemory) {
      c.memory = memoryCase(style, n);
    }
    cases.push(c);
    console.error(`done: ${style} ${n}`);
  }
}
const text = report(cases);
console.log(
  `\nDecode on Node ${process.versions.node} (median ms; read "webdav/x" as x's speed-up over webdav):\n${text}`,
);
mkdirSync('bench/.out', { recursive: true });
writeFileSync('bench/.out/decode.json', JSON.stringify(cases, null, 2));

/**
 * One memory measurement in a fresh process: `node --expose-gc bench/decode-memory.ts <decoder> <style> <n>`.
 * Prints the peak resident memory above the process's idle baseline, in MiB, as JSON. Buffered
 * decoders hold the whole body (as they must); the incremental decoders get it in 64 KiB chunks as
 * from the network: the stream keeps nothing, the incremental one (list()) keeps the responses.
 */
import { type BodyStyle, body } from './bodies.ts';
import { type DecoderName, decode } from './decoders.ts';

const [name, style, count] = process.argv.slice(2) as [DecoderName, BodyStyle, string];
const n = Number(count);
(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage().rss;
const text = name === 'davkit-stream' || name === 'davkit-incremental' ? '' : body(style, n);
const responses = await decode(name, text, style, n);
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ name, style, n, responses, peakMiB: (peak - baseline) / 2 ** 20 }));

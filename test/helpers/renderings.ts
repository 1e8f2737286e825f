import { inspect } from 'node:util';
import { explain } from '../../src/analysis/explain.ts';
import { isDavError } from '../../src/errors/guards.ts';

/**
 * Every string a value renders to, the way a log line, a bug report or a state store could show it:
 * `String()`, `JSON.stringify`, `util.inspect` (hidden fields too) of the value; every string inside
 * it, at any depth; and for every error inside it, its own renderings, message, stack, `cause`
 * chain, root causes and explanation.
 */
export function renderings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value !== 'object' || value === null) {
    return [String(value)];
  }
  if (seen.has(value)) {
    return [];
  }
  const out = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: true })];
  walk(value, seen, out);
  return out;
}

/** The strings inside a value, and the renderings of the errors inside it. */
function walk(value: unknown, seen: Set<unknown>, out: string[]): void {
  if (typeof value === 'string') {
    out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return;
  }
  seen.add(value);
  if (value instanceof Error) {
    out.push(String(value), value.message, value.stack ?? '', inspect(value, { depth: 10 }));
    out.push(...renderings(value.cause, seen));
    if (isDavError(value) && 'rootCauses' in value && typeof value.rootCauses === 'function') {
      out.push(...renderings(value.rootCauses(), seen), explain(value as never));
    }
  }
  for (const [key, field] of Object.entries(value)) {
    out.push(key);
    walk(field, seen, out);
  }
}

/** The value a promise resolves to, or the error it rejects with: both are swept. */
export function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

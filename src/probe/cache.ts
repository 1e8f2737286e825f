import { isSameOrAncestor } from '../utils/href.ts';
import type { Capabilities } from './types.ts';

/** A URL as a cache key: no query or fragment, and a trailing slash (probes are of collections). */
function keyOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  if (!parsed.pathname.endsWith('/')) {
    parsed.pathname = `${parsed.pathname}/`;
  }
  return parsed.href;
}

/**
 * The capabilities a client has probed, by collection URL. A client and the clients made from it with
 * `extend()` share one cache, so a collection is probed once. Results are plain data: store them
 * (`list()`) and give them back to a new client (`add()`) to skip probing after a restart.
 *
 * @example
 * ```ts
 * await dav.probe('/');
 * localStorage.setItem('caps', JSON.stringify(dav.probes.list()));
 * // later, in a new client:
 * for (const caps of JSON.parse(localStorage.getItem('caps') ?? '[]')) dav.probes.add(caps);
 * ```
 *
 * @group Client
 */
export class ProbeCache {
  readonly #byUrl = new Map<string, Capabilities>();
  readonly #running = new Map<string, Promise<Capabilities>>();

  /** The result for exactly this collection URL, if probed. */
  get(url: string): Capabilities | undefined {
    return this.#byUrl.get(keyOf(url));
  }

  /**
   * The result that speaks for `url`: its own, or else the closest probed ancestor's on the same
   * origin (a server's answers rarely change below the collection that was probed).
   */
  around(url: string): Capabilities | undefined {
    const own = this.get(url);
    if (own !== undefined) {
      return own;
    }
    const target = new URL(keyOf(url));
    let best: Capabilities | undefined;
    for (const [key, caps] of this.#byUrl) {
      const probed = new URL(key);
      const closer = best === undefined || key.length > keyOf(best.url).length;
      if (probed.origin === target.origin && isSameOrAncestor(probed.pathname, target.pathname) && closer) {
        best = caps;
      }
    }
    return best;
  }

  /** Stores a result (e.g. one saved earlier); it replaces the one for the same collection. */
  add(caps: Capabilities): void {
    this.#byUrl.set(keyOf(caps.url), caps);
  }

  /** Every stored result. */
  list(): Capabilities[] {
    return [...this.#byUrl.values()];
  }

  /** Forgets every result (the next `probe()` asks the server again). */
  clear(): void {
    this.#byUrl.clear();
  }

  /**
   * The cached result for `url`, or the one `probe` produces (stored on success). Concurrent callers
   * for the same collection share one probe.
   *
   * @internal
   */
  async obtain(url: string, refresh: boolean, probe: () => Promise<Capabilities>): Promise<Capabilities> {
    const key = keyOf(url);
    const cached = this.#byUrl.get(key);
    if (cached !== undefined && !refresh) {
      return cached;
    }
    const running = this.#running.get(key);
    if (running !== undefined) {
      return running;
    }
    const started = probe().then((caps) => {
      this.#byUrl.set(key, caps);
      return caps;
    });
    this.#running.set(key, started);
    try {
      return await started;
    } finally {
      this.#running.delete(key);
    }
  }
}

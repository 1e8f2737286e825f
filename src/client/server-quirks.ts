import type { AdaptationSettings, Operation, Performed, ServerQuirk } from '../operations/operation.ts';

/**
 * What a client has learned about the servers it talks to, per origin, by being refused: the
 * request forms those servers need (see {@link ServerQuirk}). Filled by the client itself; a new
 * client starts empty, `extend()` copies it.
 *
 * @example
 * ```ts
 * await dav.refreshLock('/a.txt', token, { lockTimeout: 600 }); // 400 to the tagged If, then untagged: 200
 * dav.quirks.list(); // [{ origin: 'https://nas.local', quirk: 'untagged-lock-refresh' }]
 * ```
 *
 * @group Client
 */
export class ServerQuirks {
  readonly #known = new Map<string, Set<ServerQuirk>>();

  /** Whether the server at `origin` is known to need `quirk`. */
  has(origin: string, quirk: ServerQuirk): boolean {
    return this.#known.get(origin)?.has(quirk) === true;
  }

  /** Records that the server at `origin` needs `quirk`. */
  add(origin: string, quirk: ServerQuirk): void {
    let quirks = this.#known.get(origin);
    if (quirks === undefined) {
      quirks = new Set();
      this.#known.set(origin, quirks);
    }
    quirks.add(quirk);
  }

  /** Everything learned, as plain data: each server's origin (`https://host:port`) and its quirk. */
  list(): { readonly origin: string; readonly quirk: ServerQuirk }[] {
    return [...this.#known].flatMap(([origin, quirks]) => [...quirks].map((quirk) => ({ origin, quirk })));
  }

  /** A copy, for a client made with `extend()`. */
  copy(): ServerQuirks {
    const copy = new ServerQuirks();
    for (const { origin, quirk } of this.list()) {
      copy.add(origin, quirk);
    }
    return copy;
  }
}

/** Sends one operation, as the client does (lock tokens, transport, read, bookkeeping). */
type Attempt = <T>(operation: Operation<T>) => Promise<Performed<T>>;

/**
 * Runs an operation that may need adapting (issue 17). The standard form goes first unless the
 * server at `origin` is already known to refuse it. When the server refuses it the way the
 * adaptation answers (a 400), the adapted form is sent once; if that works, the quirk is remembered.
 * Only these refusals lead to the other form: webdav-server crashes on an untagged `If`, so no
 * server that accepts the tagged one ever gets it.
 */
export async function performAdapting<T>(
  operation: Operation<T>,
  attempt: Attempt,
  quirks: ServerQuirks,
  origin: string,
  settings: AdaptationSettings,
): Promise<Performed<T>> {
  const adaptation = operation.adaptation;
  if (adaptation === undefined) {
    return attempt(operation);
  }
  const known = quirks.has(origin, adaptation.quirk) ? adaptation.build(settings) : undefined;
  if (known !== undefined) {
    return attempt(known);
  }
  try {
    return await attempt(operation);
  } catch (error) {
    const adapted = adaptation.refusedBy(error) ? adaptation.build(settings) : undefined;
    if (adapted === undefined) {
      throw error;
    }
    const performed = await attempt(adapted);
    quirks.add(origin, adaptation.quirk);
    return performed;
  }
}

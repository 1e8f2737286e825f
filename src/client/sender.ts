import { attachReplay } from '../errors/dav-error.ts';
import { isDavHttpError } from '../errors/guards.ts';
import { LockStore } from '../locks/lock-store.ts';
import { isWriteMethod } from '../model/methods.ts';
import { callPart, type RunOptions } from '../operations/call-options.ts';
import type { AdaptationSettings, Operation, Performed } from '../operations/operation.ts';
import { requestReplay } from '../recovery/retry-request.ts';
import type { Session } from '../session/session.ts';
import type { Exchange, RawResponse } from '../transport/raw-response.ts';
import { receive } from '../transport/receive.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import type { SendOptions, Transport } from '../transport/transport.ts';
import { resolveUrl } from '../transport/url.ts';
import { urlPath } from '../utils/href.ts';
import { heldLocksAround, withLockTokens } from './lock-tokens.ts';
import { performAdapting, type ServerQuirks } from './server-quirks.ts';

/**
 * A write refused with a bare 423 gets the lock that refused it looked up (see `withDiscoveredLock`),
 * which loads then: an app that is never refused by a lock does not carry the lookup.
 */
async function discoverRefusingLock(
  raw: RawResponse,
  session: Session,
  options: RunOptions,
  boundary: string,
): Promise<RawResponse> {
  // Only writes are refused by a lock (and the PROPFINDs that look for it can then never recurse).
  if (raw.status !== 423 || !isWriteMethod(raw.request.method)) {
    return raw;
  }
  const [{ withDiscoveredLock }, { lockLookup }] = await Promise.all([
    import('./lock-discovery.ts'),
    import('../files/lock-lookup.ts'),
  ]);
  return withDiscoveredLock(raw, lockLookup(session, options), boundary);
}

/** What a sender needs of the client it sends for. */
export interface SenderParts {
  /** The client itself, as features see it: lock lookups and replays go through it. */
  readonly session: Session;
  readonly transport: Transport;
  readonly quirks: ServerQuirks;
  readonly adaptation: AdaptationSettings;
  /** The client's `lockTokens` option: submit held tokens unless a call says otherwise. */
  readonly lockTokens: boolean;
}

/**
 * The one way a client sends a request, whatever the verb: lock tokens added, the request adapted to
 * what the server is known to need, the answer read by the operation (as it arrives, when it can),
 * the lock behind a bare 423 looked up, the lock store updated as the operation says, and every
 * refusal handed the way to fix and send it again (`retryAfterFix()`).
 *
 * @example
 * ```ts
 * const sender = new Sender({ session: dav, transport, quirks, adaptation, lockTokens: true });
 * const { status, value } = await sender.perform(operations.mkcol('/a/'));
 * ```
 */
export class Sender {
  readonly #parts: SenderParts;

  constructor(parts: SenderParts) {
    this.#parts = parts;
  }

  /** Sends an operation and reads its answer (see the class). */
  perform<T>(operation: Operation<T>, options: RunOptions = {}): Promise<Performed<T>> {
    const { transport, quirks, adaptation } = this.#parts;
    const origin = resolveUrl(transport.config.baseUrl, operation.spec.path).origin;
    return performAdapting(operation, (each) => this.#attempt(each, options), quirks, origin, adaptation);
  }

  /** Sends a request with the lock tokens it must carry and hands the response over unread. */
  open(spec: RequestSpec, options: RunOptions = {}): Promise<Exchange> {
    const prepared = this.#prepare(spec, options);
    return this.#parts.transport.send(prepared, this.#sendOptions(prepared, options));
  }

  async #attempt<T>(operation: Operation<T>, options: RunOptions): Promise<Performed<T>> {
    const { session, transport } = this.#parts;
    const base = transport.config.baseUrl;
    const spec = this.#prepare(operation.spec, options);
    try {
      const { status, value } = await receive(
        transport,
        spec,
        this.#sendOptions(spec, options),
        operation,
        (raw) => discoverRefusingLock(raw, session, options, urlPath(base)),
      );
      const change = operation.lockChange?.(value, (path) => resolveUrl(base, path));
      if (change !== undefined) {
        session.locks.apply(change);
      }
      return { status, value };
    } catch (error) {
      if (isDavHttpError(error)) {
        attachReplay(error, requestReplay(session, operation.resend ?? operation, options, error));
      }
      throw error;
    }
  }

  /**
   * The transport options of a call, with a snapshot of the locks held around its paths: errors
   * carry it (`request.locks`), so explaining them needs no live lookup.
   */
  #sendOptions(spec: RequestSpec, options: RunOptions): SendOptions {
    const { session, transport } = this.#parts;
    return {
      ...callPart(options),
      heldLocks: heldLocksAround(spec, session.locks, transport.config.baseUrl),
    };
  }

  /** The spec with the lock tokens this call must submit. */
  #prepare(spec: RequestSpec, options: RunOptions): RequestSpec {
    const { session, transport, lockTokens } = this.#parts;
    const auto = options.lockTokens ?? lockTokens;
    return withLockTokens(
      spec,
      auto ? session.locks : new LockStore(),
      transport.config.baseUrl,
      options.lockToken,
    );
  }
}

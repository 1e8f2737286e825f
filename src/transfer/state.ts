import { DavUsageError } from '../errors/transport-errors.ts';
import type { ChosenStrategy, TargetGuard, UploadProgress, UploadState } from './types.ts';

const STRATEGIES: readonly ChosenStrategy[] = ['content-range', 'sabredav-patch', 'nextcloud-v2', 'single'];

function isGuard(value: unknown): value is TargetGuard {
  const guard = value as Partial<{ kind: string; etag: unknown }> | null;
  return (
    typeof guard === 'object' &&
    guard !== null &&
    (guard.kind === 'absent' ||
      guard.kind === 'none' ||
      (guard.kind === 'etag' && typeof guard.etag === 'string'))
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks that a value is an {@link UploadState} davkit wrote (after a JSON round trip, from storage):
 * anything else is refused with `DavUsageError` rather than trusted.
 *
 * @example
 * ```ts
 * checkUploadState(JSON.parse(localStorage.getItem('upload')!));
 * ```
 */
export function checkUploadState(value: unknown): asserts value is UploadState {
  const state = value as Partial<UploadState> | null;
  const ok =
    typeof state === 'object' &&
    state !== null &&
    state.kind === 'davkit-upload' &&
    state.version === 1 &&
    typeof state.target === 'string' &&
    typeof state.temp === 'string' &&
    STRATEGIES.includes(state.strategy as ChosenStrategy) &&
    isCount(state.size) &&
    isCount(state.chunkSize) &&
    state.chunkSize > 0 &&
    Array.isArray(state.confirmed) &&
    state.confirmed.every(isCount) &&
    isCount(state.source?.size) &&
    isGuard(state.guard);
  if (!ok) {
    throw new DavUsageError(
      'resume must be the `state` of an earlier upload (kind "davkit-upload", version 1)',
    );
  }
}

/**
 * What an upload has confirmed so far, as the plain state to save; reports progress as chunks land.
 * Progress counts only confirmed bytes, so it never goes back.
 */
export class UploadTracker {
  #state: UploadState;
  readonly #confirmed: Set<number>;
  readonly #sizes: (index: number) => number;
  readonly #onProgress: ((progress: UploadProgress) => void) | undefined;
  #total: number | undefined;

  constructor(
    state: UploadState,
    total: number | undefined,
    sizes: (index: number) => number,
    onProgress: ((progress: UploadProgress) => void) | undefined,
  ) {
    this.#state = state;
    this.#total = total;
    this.#confirmed = new Set(state.confirmed);
    this.#sizes = sizes;
    this.#onProgress = onProgress;
  }

  get state(): UploadState {
    return this.#state;
  }

  /** Bytes confirmed so far. */
  get loaded(): number {
    let loaded = 0;
    for (const index of this.#confirmed) {
      loaded += this.#sizes(index);
    }
    return loaded;
  }

  has(index: number): boolean {
    return this.#confirmed.has(index);
  }

  /** Chunk `index` is on the server. */
  confirm(index: number): void {
    if (this.#confirmed.has(index)) {
      return;
    }
    this.#confirmed.add(index);
    this.#update({ confirmed: [...this.#confirmed].sort((a, b) => a - b) });
    this.report();
  }

  /** The temporary file is complete and checked; its ETag tells, later, whether it was moved in. */
  assembled(etag: string | undefined): void {
    if (etag !== undefined) {
      this.#update({ assembledEtag: etag });
    }
  }

  /** What the server has was lost (the temporary resource is gone): start again from nothing. */
  restart(temp: string): void {
    this.#confirmed.clear();
    const { assembledEtag: _gone, ...rest } = this.#state;
    this.#state = { ...rest, temp, confirmed: [] };
  }

  /** A stream of unknown size was sent whole: now its size is known. */
  sized(size: number): void {
    this.#total = size;
    this.#update({ size, source: { ...this.#state.source, size } });
  }

  report(): void {
    try {
      this.#onProgress?.({ loaded: this.loaded, total: this.#total, state: this.#state });
    } catch {
      // A failing progress callback must not fail the upload.
    }
  }

  #update(change: Partial<UploadState>): void {
    this.#state = { ...this.#state, ...change };
  }
}

/** The strategy list, for messages. */
export const STRATEGY_NAMES: readonly ChosenStrategy[] = STRATEGIES;

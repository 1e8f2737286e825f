import type { BodyLimitName } from './body-limit.ts';
import type { DiscoveredLock, HeldLock } from './locks.ts';
import type { ActiveLock, DavCondition, MultiStatus, UnrequestedProperty } from './multistatus.ts';
import type { DavRequestInfo } from './request-info.ts';
import type { HeadResult, OptionsResult, PutResult, TransferResult, Verification } from './results.ts';

/**
 * A reference to a step of a batch, returned when the step is added.
 *
 * @group Batches and root causes
 */
export interface StepRef {
  readonly id: string;
}

/**
 * Why a step failed, when no HTTP status explains it alone. Plain data.
 *
 * @group Batches and root causes
 */
export type FailureDescriptor =
  | { readonly kind: 'http'; readonly status: number; readonly reason?: string }
  /** A 207 (or a write's 2xx multistatus) with failures inside. */
  | { readonly kind: 'multistatus'; readonly status: number }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'parse'; readonly message: string }
  /** A body limit was hit: which (the option that raises it) and its value. */
  | { readonly kind: 'too-large'; readonly limit: number; readonly limitName: BodyLimitName }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

/**
 * The plain value a successful step produced.
 *
 * @group Batches and root causes
 */
export type StepValue =
  | MultiStatus
  | PutResult
  | HeadResult
  | TransferResult
  | ActiveLock
  | OptionsResult
  | string;

/** Fields every step result has. */
interface StepBase {
  readonly id: string;
  readonly method: string;
  /** The path as given when the step was added. */
  readonly path: string;
  /** COPY/MOVE destination, as given. */
  readonly destination?: string;
  /** Which run of the batch produced this outcome (1 for the first, 2 after one `retryAfterFix()`…). */
  readonly attempt: number;
}

/**
 * The step ran and succeeded.
 *
 * @group Batches and root causes
 */
export interface StepSuccess extends StepBase {
  readonly kind: 'success';
  readonly status: number;
  readonly value?: StepValue;
  readonly multistatus?: MultiStatus;
  /** A write step with `verify`, after an ambiguous failure: how davkit made sure (see `Verification`). */
  readonly verification?: Verification;
}

/**
 * The step ran and failed on its own.
 *
 * @group Batches and root causes
 */
export interface StepFailure extends StepBase {
  readonly kind: 'failure';
  /** The step's path as the server sees it: absolute, percent-decoded. */
  readonly serverPath: string;
  /** COPY/MOVE: the Destination as the server sees it. */
  readonly serverDestination?: string;
  /** The request as it was sent, plain and redacted, when an HTTP answer came back (see `DavRequestInfo`). */
  readonly request?: DavRequestInfo;
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  readonly error: FailureDescriptor;
  readonly conditions: readonly DavCondition[];
  readonly multistatus?: MultiStatus;
  /** `Retry-After`, in ms, when the server sent one. */
  readonly retryAfterMs?: number;
  /** The locks the client held around the step's paths when it sent it (see `DavRequestInfo.locks`). */
  readonly locks?: readonly HeldLock[];
  /** For a bare 423: the lock found in `DAV:lockdiscovery` (see `DavHttpError.discoveredLock`). */
  readonly discoveredLock?: DiscoveredLock;
  /** Properties the server answered for that the step did not name (see `MultiStatusError.unrequested`). */
  readonly unrequested?: readonly UnrequestedProperty[];
}

/**
 * The step was not sent because a prerequisite did not succeed: davkit synthesises the 424 the server
 * would have sent, naming the step at the root of the chain.
 *
 * @group Batches and root causes
 */
export interface StepFailedDependency extends StepBase {
  readonly kind: 'failed-dependency';
  readonly status: 424;
  /** The step whose own failure blocked this one (the root of the chain, never a 424 step). */
  readonly failedPrerequisite: {
    readonly step: string;
    readonly method: string;
    readonly path: string;
    readonly status?: number;
  };
  /** Direct prerequisites that did not succeed. */
  readonly waitedOn: readonly string[];
}

/**
 * The step was not run: `failFast` after another failure, an abort, or a hook said so.
 *
 * @group Batches and root causes
 */
export interface StepCancelled extends StepBase {
  readonly kind: 'cancelled';
  readonly reason: 'fail-fast' | 'aborted' | 'hook';
}

/**
 * The outcome of one step. Plain data, discriminated by `kind`.
 *
 * @group Batches and root causes
 */
export type StepResult = StepSuccess | StepFailure | StepFailedDependency | StepCancelled;

/**
 * One step of the plan, as plain data: what runs, and after what.
 *
 * @group Batches and root causes
 */
export interface PlannedStep {
  readonly id: string;
  readonly method: string;
  /** The path as given when the step was added. */
  readonly path: string;
  readonly destination?: string;
  /** The path as the server sees it: absolute, percent-decoded. */
  readonly serverPath: string;
  /** COPY/MOVE: the Destination as the server sees it. */
  readonly serverDestination?: string;
  /** Explicit prerequisites (`after`). */
  readonly after: readonly string[];
  /** Prerequisites implied by paths (creations above or at the path, earlier writes to it). */
  readonly implied: readonly string[];
  /** The request headers that matter for analysis (`if-match`, `overwrite`, `depth`, `if`…), no secrets. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What an atomic run undid after a failure.
 *
 * @group Batches and root causes
 */
export interface Compensation {
  readonly undone: readonly { readonly step: string; readonly method: string; readonly path: string }[];
  readonly failed: readonly {
    readonly step: string;
    readonly method: string;
    readonly path: string;
    readonly error: FailureDescriptor;
  }[];
  /** Completed steps that cannot be undone (DELETE, or a PROPPATCH without `compensate`). */
  readonly notUndoable: readonly string[];
}

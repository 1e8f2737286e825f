/**
 * Types what test/tooling/runtimes/global-setup.ts hands to tests through vitest `provide`/`inject`.
 */
import type { RuntimeBinaries } from './install.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The pinned runtimes installed into `.tmp/runtimes`. */
    runtimes: RuntimeBinaries;
    /** The packed davkit (`npm pack` of the current `dist/`). */
    davkitTarball: string;
  }
}

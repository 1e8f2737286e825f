/**
 * Types what test/harness/global-setup.ts hands to tests through vitest `provide`/`inject`.
 */
import type { HarnessServerName, ServerInfo } from './servers/types.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real WebDAV servers started for this run. With DAVKIT_SERVERS set, only those keys exist. */
    davServers: Record<HarnessServerName, ServerInfo>;
    /** A fault proxy's origin (test/harness/fault-proxy.ts), its upstream and rules set over HTTP. */
    faultProxy: string;
  }
}

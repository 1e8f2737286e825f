/** The real WebDAV file servers the interop suite runs against (see shared reference real-servers.md §11). */
export type ServerName = 'apache' | 'nginx' | 'rclone' | 'sabredav' | 'webdav-server';

/**
 * Every server the harness starts: the file servers, and Radicale (CalDAV/CardDAV: only calendar and
 * address-book objects, but the harness's one server with RFC 6578 `sync-collection`).
 */
export type HarnessServerName = ServerName | 'radicale';

/** Plain, serialisable description of a running server; safe to pass through vitest `provide`/`inject`. */
export interface ServerInfo {
  name: HarnessServerName;
  /** e.g. `http://127.0.0.1:40123` (no trailing slash) */
  origin: string;
  /** DAV root URL, ends with '/' e.g. http://127.0.0.1:40123/dav/ */
  baseUrl: string;
  /** directory on disk that is served at baseUrl */
  dataDir: string;
  /** user the server process writes files as, e.g. 'www-data' or 'root' */
  fileOwner: string;
  /** whether the server answers CORS preflights (every server but rclone) */
  cors: boolean;
}

/** A started server plus the means to stop it (kills the process and removes its temp dir). */
export interface RunningServer extends ServerInfo {
  stop(): Promise<void>;
}

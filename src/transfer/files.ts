import { DavUsageError } from '../errors/transport-errors.ts';
import type { SeekableSink } from './download-types.ts';
import type { RandomAccessReader } from './types.ts';

/**
 * What davkit uses of an open file: Node's `FileHandle` has it (so do Deno's and Bun's `node:fs`).
 *
 * @group Large files
 */
export interface FileHandleLike {
  stat(): Promise<{ readonly size: number; readonly mtimeMs: number; readonly ino?: number }>;
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesRead: number }>;
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesWritten: number }>;
  truncate(length?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Node's `open` from `node:fs/promises`, passed in: davkit's own code imports no `node:` module, so it
 * runs unchanged in browsers and Workers, and Node code hands it the file system.
 *
 * @group Large files
 */
export type OpenFile = (path: string, flags: string) => Promise<FileHandleLike>;

function versionOf(stats: {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino?: number;
}): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ino ?? ''}`;
}

async function readAt(handle: FileHandleLike, start: number, end: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(end - start);
  for (let filled = 0; filled < bytes.byteLength; ) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, start + filled);
    if (bytesRead === 0) {
      throw new DavUsageError(`the file ended after ${start + filled} bytes: it changed during the upload`);
    }
    filled += bytesRead;
  }
  return bytes;
}

/**
 * A file on disk as an upload source that can be read at any offset: each chunk is read when it is
 * sent (never the whole file), from a handle opened for that read. A file whose size or modification
 * time changed since `fileSource()` refuses to be read (`DavUsageError`): never a chunk of another
 * version. Its `version` lets a resumed upload refuse a changed file too.
 *
 * @example
 * ```ts
 * import { open } from 'node:fs/promises';
 * const result = await dav.upload('/media/big.iso', await fileSource('/data/big.iso', open));
 * ```
 *
 * @group Large files
 */
export async function fileSource(path: string, open: OpenFile): Promise<RandomAccessReader> {
  if (typeof open !== 'function') {
    // Not spelled as an import: the browser bundle is checked for imports of Node built-ins.
    throw new DavUsageError("fileSource(path, open) needs the open function of Node's fs/promises module");
  }
  const first = await open(path, 'r');
  const stats = await first.stat().finally(() => first.close());
  const version = versionOf(stats);
  return {
    size: stats.size,
    version,
    read: async (start, end) => {
      const handle = await open(path, 'r');
      try {
        if (versionOf(await handle.stat()) !== version) {
          throw new DavUsageError(
            `${path} changed since the upload began: its chunks would mix two versions`,
          );
        }
        return await readAt(handle, start, end);
      } finally {
        await handle.close();
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/**
 * A file on disk as a download sink, written at any offset: a resumed download continues after the
 * bytes its state counts (anything beyond is cut), and a file that changed on the server is written
 * again from the start.
 *
 * @example
 * ```ts
 * import { open } from 'node:fs/promises';
 * const down = await dav.download('/media/big.iso', fileSink('/data/big.iso', open), { resume });
 * ```
 *
 * @group Large files
 */
export function fileSink(path: string, open: OpenFile): SeekableSink {
  if (typeof open !== 'function') {
    throw new DavUsageError("fileSink(path, open) needs the open function of Node's fs/promises module");
  }
  let handle: Promise<FileHandleLike> | undefined;
  const opened = () => {
    handle ??= open(path, 'r+').catch((error: unknown) => {
      if (isMissing(error)) {
        return open(path, 'w+');
      }
      throw error;
    });
    return handle;
  };
  return {
    write: async (bytes, offset) => {
      const file = await opened();
      for (let written = 0; written < bytes.byteLength; ) {
        const result = await file.write(bytes, written, bytes.byteLength - written, offset + written);
        written += result.bytesWritten;
      }
    },
    truncate: async (size) => (await opened()).truncate(size),
    close: async () => {
      const file = handle;
      handle = undefined;
      await (await file)?.close();
    },
  };
}

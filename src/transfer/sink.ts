import { DavUsageError } from '../errors/transport-errors.ts';
import type { DownloadSink, NodeWritableLike, SeekableSink } from './download-types.ts';

/** A sink as a download writes it: in order, from the offset it was opened at. */
export interface SinkWriter {
  /** Whether the download can start again at offset 0 (a changed file) into this sink. */
  readonly seekable: boolean;
  write(bytes: Uint8Array): Promise<void>;
  /** Empties the sink and writes from offset 0 again (seekable sinks only). */
  restart(): Promise<void>;
  /** The download is complete. */
  close(): Promise<void>;
  /** The download stops incomplete: release the sink, keeping what it holds. */
  release(): Promise<void>;
}

function isSeekable(sink: object): sink is SeekableSink {
  const candidate = sink as Partial<SeekableSink>;
  return typeof candidate.write === 'function' && typeof candidate.truncate === 'function';
}

function isNodeWritable(sink: object): sink is NodeWritableLike {
  const candidate = sink as Partial<NodeWritableLike>;
  return (
    typeof candidate.write === 'function' &&
    typeof candidate.end === 'function' &&
    typeof candidate.once === 'function'
  );
}

function seekableWriter(sink: SeekableSink, offset: number): SinkWriter {
  let at = offset;
  let prepared: Promise<void> | undefined;
  // What lies beyond the bytes a download has (an older file, a chunk cut short) goes first.
  const prepare = () => {
    prepared ??= sink.truncate(offset);
    return prepared;
  };
  return {
    seekable: true,
    write: async (bytes) => {
      await prepare();
      await sink.write(bytes, at);
      at += bytes.byteLength;
    },
    restart: async () => {
      await prepare();
      await sink.truncate(0);
      at = 0;
    },
    close: async () => {
      await prepare();
      await sink.close();
    },
    release: () => sink.close(),
  };
}

function streamWriter(sink: WritableStream<Uint8Array>): SinkWriter {
  const writer = sink.getWriter();
  return {
    seekable: false,
    write: async (bytes) => {
      await writer.ready;
      await writer.write(bytes);
    },
    restart: () => Promise.reject(new DavUsageError('a stream sink cannot be rewound')),
    close: () => writer.close(),
    // The stream stays open: a resume can go on writing into it.
    release: async () => writer.releaseLock(),
  };
}

/** Waits for one of a Node stream's events; a failure event rejects. */
function once(sink: NodeWritableLike, event: 'drain' | 'finish'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) => {
      sink.off?.(event, onDone);
      reject(error);
    };
    const onDone = () => {
      sink.off?.('error', onError);
      resolve();
    };
    sink.once(event, onDone);
    sink.once('error', onError);
  });
}

function nodeWriter(sink: NodeWritableLike): SinkWriter {
  return {
    seekable: false,
    write: async (bytes) => {
      if (!sink.write(bytes)) {
        await once(sink, 'drain');
      }
    },
    restart: () => Promise.reject(new DavUsageError('a Node Writable cannot be rewound')),
    close: async () => {
      const finished = once(sink, 'finish');
      sink.end();
      await finished;
    },
    release: async () => undefined,
  };
}

/**
 * Opens a download sink at `offset` (the bytes a resumed download already wrote).
 *
 * @example
 * ```ts
 * const writer = sinkWriter(new WritableStream({ write(chunk) { … } }), 0);
 * ```
 */
export function sinkWriter(sink: DownloadSink, offset: number): SinkWriter {
  if (typeof sink !== 'object' || sink === null) {
    throw new DavUsageError('a download sink must be a WritableStream, a Node Writable or a seekable sink');
  }
  if (typeof WritableStream !== 'undefined' && sink instanceof WritableStream) {
    return streamWriter(sink);
  }
  if (typeof (sink as { fd?: unknown }).fd === 'number') {
    // A Node FileHandle's write(buffer, offset) takes an offset into the buffer, not the file.
    throw new DavUsageError('pass a file as fileSink(path, open), not as a FileHandle');
  }
  if (isSeekable(sink)) {
    return seekableWriter(sink, offset);
  }
  if (isNodeWritable(sink)) {
    return nodeWriter(sink);
  }
  throw new DavUsageError('a download sink must be a WritableStream, a Node Writable or a seekable sink');
}

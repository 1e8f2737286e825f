import { mkdtemp, open, readFile, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDavNetworkError, isDavUsageError } from '../../src/errors/guards.ts';
import { fileSink, fileSource } from '../../src/transfer/files.ts';
import { pumpBody } from '../../src/transfer/read-ahead.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'davkit-files-'));
});

describe('fileSource (node:fs/promises open, passed in)', () => {
  it('reads any range of a file on demand, with a version from its size and modification time', async () => {
    const path = join(dir, 'src.bin');
    await writeFile(path, new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const source = await fileSource(path, open);
    expect(source.size).toBe(10);
    expect(source.version).toMatch(/^10:\d+(\.\d+)?:\d*$/);
    expect([...(await source.read(7, 10))]).toEqual([7, 8, 9]);
    expect([...(await source.read(0, 3))]).toEqual([0, 1, 2]);
  });

  it('refuses to read a file that changed since: never a chunk of another version', async () => {
    const path = join(dir, 'changing.bin');
    await writeFile(path, 'version one');
    const source = await fileSource(path, open);
    await writeFile(path, 'version two!');
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    const error = await Promise.resolve(source.read(0, 4)).catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toMatch(/changed since the upload began/);
  });

  it('needs the open function', async () => {
    expect(isDavUsageError(await fileSource('x', undefined as never).catch((e: unknown) => e))).toBe(true);
    let thrown: unknown;
    try {
      fileSink('x', 'open' as never);
    } catch (error) {
      thrown = error;
    }
    expect(isDavUsageError(thrown)).toBe(true);
  });
});

describe('fileSink', () => {
  it('creates the file, writes at offsets, cuts it, and can be opened again after close', async () => {
    const path = join(dir, 'sink.bin');
    const sink = fileSink(path, open);
    await sink.write(new Uint8Array([1, 2, 3, 4]), 0);
    await sink.write(new Uint8Array([9]), 1);
    await sink.truncate(3);
    await sink.close();
    expect([...(await readFile(path))]).toEqual([1, 9, 3]);
    await sink.write(new Uint8Array([7]), 3);
    await sink.close();
    expect([...(await readFile(path))]).toEqual([1, 9, 3, 7]);
  });
});

describe('reading a body ahead of its sink', () => {
  let server: ReturnType<typeof createServer>;
  let origin = '';

  beforeAll(async () => {
    // Announces 4 MiB on a connection it will close, sends 2 MiB, then resets the connection (what
    // a proxy or a server that gives up does: Apache answers a proxy with Connection: close).
    server = createServer((socket: Socket) => {
      socket.on('error', () => undefined); // the client leaving early is expected
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4194304\r\nConnection: close\r\n\r\n');
        socket.write(Buffer.alloc(2 * 1024 * 1024, 7), () => setTimeout(() => socket.resetAndDestroy(), 50));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    origin = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a connection reset while the sink is slow is a DavNetworkError, not a crash of the process', async () => {
    // A slow sink leaves Node's HTTP client paused by backpressure without the read-ahead; a reset
    // then throws an uncatchable assertion in Node 24's undici (nodejs/undici#5360): vitest would
    // report it as an unhandled error and fail this run.
    const response = await fetch(origin);
    let written = 0;
    const error = await pumpBody(
      response,
      { idleTimeout: 10_000, method: 'GET', url: origin },
      async (chunk) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        written += chunk.byteLength;
      },
    ).catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('a sink that fails stops the reading, and its error is the one given', async () => {
    const response = await fetch(origin);
    const refusal = new Error('disk full');
    const error = await pumpBody(response, { idleTimeout: 10_000, method: 'GET', url: origin }, async () => {
      throw refusal;
    }).catch((e: unknown) => e);
    expect(error).toBe(refusal);
  });
});

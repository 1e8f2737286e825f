import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { MOCK_BASE, mswServer, on } from '../helpers/msw.ts';

// A server that ignores Range and answers 200 with the whole file (RFC 9110 allows it), and a PUT
// whose receiving end is watched: msw, since the harness servers all honour ranges.

const server = mswServer();
const WHOLE = new TextEncoder().encode('0123456789abcdefghij');

describe('createReadStream', () => {
  it.each([
    [{ start: 3, end: 7 }, '34567'],
    [{ start: 15 }, 'fghij'],
    [{ start: 0, end: 0 }, '0'],
  ])(
    'holds exactly the range %j when the server answers 200 with the whole file',
    async (range, expected) => {
      server.use(
        on('GET', `${MOCK_BASE}whole.txt`, () => {
          // The whole file in chunks of 4 bytes, so the range is cut across chunk edges.
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (let at = 0; at < WHOLE.byteLength; at += 4) {
                controller.enqueue(WHOLE.slice(at, at + 4));
              }
              controller.close();
            },
          });
          return new HttpResponse(body, { status: 200 });
        }),
      );
      const dav = createClient({ baseUrl: MOCK_BASE });
      expect(await new Response(dav.createReadStream('/whole.txt', { range })).text()).toBe(expected);
    },
  );
});

describe('createWriteStream', () => {
  it('sends strings as UTF-8 and resolves close() with the server’s answer', async () => {
    let received = '';
    server.use(
      on('PUT', `${MOCK_BASE}w.txt`, async ({ request }) => {
        received = await request.text();
        return new HttpResponse(null, { status: 204, headers: { etag: '"e2"' } });
      }),
    );
    const upload = createClient({ baseUrl: MOCK_BASE }).createWriteStream('/w.txt');
    const writer = upload.getWriter();
    await writer.write('grüße ');
    await writer.write(new TextEncoder().encode('bytes'));
    await writer.close();
    expect(received).toBe('grüße bytes');
    expect(await upload.result).toEqual({ status: 204, created: false, etag: '"e2"' });
  });
});

import { describe, expect, it } from 'vitest';
import { scanPropfind } from '../../src/probe/scan.ts';
import { observedClient } from '../helpers/clients.ts';

/** A 207 whose body arrives in the given chunks; `cancelled` turns true when the reader gives up. */
function chunked(chunks: string[]) {
  const state = { cancelled: false, sent: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.sent++];
      if (next === undefined) {
        controller.close();
      } else {
        controller.enqueue(new TextEncoder().encode(next));
      }
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { state, response: new Response(body, { status: 207, headers: { 'content-type': 'text/xml' } }) };
}

const RESPONSES = [
  '<response><href>/root/</href><propstat><prop><resourcetype><collection/></resourcetype></prop>' +
    '<status>HTTP/1.1 200 OK</status></propstat><responsedescription>x</responsedescription></response>',
  '<response><href>/root/caf%C3%A9.txt</href><propstat><prop><getetag>"1"</getetag></prop>' +
    '<status>HTTP/1.1 200 OK</status></propstat></response>',
  '<response><href>/root/a/b/c.txt</href><status>HTTP/1.1 404 Not Found</status></response>',
];

describe('scanPropfind()', () => {
  it('decodes responses cut anywhere across chunks (default namespace, responsedescription inside)', async () => {
    const text = `<?xml version='1.0'?>\n<multistatus xmlns="DAV:">${RESPONSES.join('')}</multistatus>`;
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const { response } = chunked(chunks);
    const { dav } = observedClient(() => response);
    const seen: string[] = [];
    const outcome = await scanPropfind(
      dav,
      '/',
      { depth: 'infinity', props: ['{DAV:}getetag'] },
      {},
      { maxBytes: 1e6, maxResponses: 100 },
      (each) => {
        seen.push(`${each.path} ${each.kind}`);
        return false;
      },
    );
    expect(outcome).toEqual({ status: 207, end: 'complete' });
    expect(seen).toEqual(['/root/ propstat', '/root/café.txt propstat', '/root/a/b/c.txt status']);
  });

  it('stops reading and cancels the body once the visitor has seen enough', async () => {
    const head = '<D:multistatus xmlns:D="DAV:">';
    const prefixed = RESPONSES.map((each) => each.replace(/<(\/?)(\w)/g, '<$1D:$2'));
    const { state, response } = chunked([head, ...prefixed, ...prefixed, '</D:multistatus>']);
    const { dav } = observedClient(() => response);
    const outcome = await scanPropfind(
      dav,
      '/',
      { depth: 1, props: [] },
      {},
      { maxBytes: 1e6, maxResponses: 100 },
      () => true,
    );
    expect(outcome.end).toBe('stopped');
    expect(state.cancelled).toBe(true);
    expect(state.sent).toBeLessThan(6); // of 8 chunks: the rest was never read
  });

  it('gives up at its limits, and reports a refusal without reading the body', async () => {
    const { response } = chunked(['<D:multistatus xmlns:D="DAV:">', 'x'.repeat(100), 'y'.repeat(100)]);
    const { dav } = observedClient(() => response);
    const capped = await scanPropfind(
      dav,
      '/',
      { depth: 1, props: [] },
      {},
      { maxBytes: 150, maxResponses: 10 },
      () => false,
    );
    expect(capped.end).toBe('capped');
    const { dav: refusing } = observedClient(() => new Response('<html/>', { status: 403 }));
    const refused = await scanPropfind(
      refusing,
      '/',
      { depth: 'infinity', props: [] },
      {},
      { maxBytes: 1, maxResponses: 1 },
      () => false,
    );
    expect(refused).toEqual({ status: 403, end: 'refused' });
  });
});

import { describe, expect, it } from 'vitest';
import type { DavResponse } from '../../src/model/multistatus.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';

// Bodies above ~512 KB are parsed by the buffered source a slice of the root's children at a time
// (fxp-source.ts). These bodies are big enough to be cut in many slices; the streaming decoder, an
// independent parser, is the reference.

function entry(i: number): string {
  const dead = i % 3 === 0 ? `<x:note xmlns:x="urn:n${i % 5}">  keep  <x:b>bold</x:b> tail </x:note>` : '';
  const cdata =
    i % 7 === 0
      ? '<D:displayname><![CDATA[ <raw> & ]]></D:displayname>'
      : '<D:displayname>caf&#233; &amp; co</D:displayname>';
  return `<D:response xmlns:lp1="DAV:"><D:href>/dav/f-${i}.txt</D:href><D:propstat><D:prop>${cdata}<lp1:getetag>"${i}"</lp1:getetag>${dead}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n<!-- between ${i} -->\n`;
}

function bigBody(count: number, extra: string): string {
  const entries = Array.from({ length: count }, (_, i) => entry(i)).join('');
  return `<?xml version="1.0"?>\n<D:multistatus xmlns:D="DAV:">\n${entries}${extra}</D:multistatus>`;
}

async function streamed(text: string): Promise<DavResponse[]> {
  const responses: DavResponse[] = [];
  for await (const response of decodeMultiStatusStream(text)) {
    responses.push(response);
  }
  return responses;
}

describe('a big body parsed in slices', () => {
  it('decodes exactly like the streaming decoder', async () => {
    const text = bigBody(6000, '<D:responsedescription>all done</D:responsedescription>\n');
    expect(text.length).toBeGreaterThan(1_000_000);
    const ms = decodeMultiStatus(text);
    expect(ms.responses).toHaveLength(6000);
    expect(ms.description).toBe('all done');
    expect(ms.responses).toEqual(await streamed(text));
  });

  it('keeps the text that follows the last child of the root, and errors found after the first slice', () => {
    const text = bigBody(6000, '<D:sync-token>http://example.com/sync/42</D:sync-token>');
    expect(decodeMultiStatus(text).syncToken).toBe('http://example.com/sync/42');
    const last = text.lastIndexOf('HTTP/1.1 200 OK');
    const broken = `${text.slice(0, last)}HTTP/1.1 OK${text.slice(last + 'HTTP/1.1 200 OK'.length)}`;
    expect(() => decodeMultiStatus(broken)).toThrow(/status line/i);
  });
});

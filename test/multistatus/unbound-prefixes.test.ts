/**
 * Multistatus bodies that use prefixes without declaring them (issue 17): both decoders read them
 * the same way (conventional namespace or `urn:davkit:unbound:<prefix>`), give the same warnings,
 * and both refuse them with `strict: true`. Everything else that is malformed stays refused.
 */
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import type { UnboundPrefixWarning } from '../../src/model/decode-warning.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';
import { undeclaredProppatchBody } from '../helpers/quirky-server.ts';
import {
  asAsync,
  bufferedOutcome,
  cut,
  expectSameOutcome,
  type Outcome,
  streamOutcome,
  utf8,
} from '../stream/stream-helpers.ts';

/** Both decoders, the stream one byte at a time: the same outcome; returns the buffered one. */
async function bothDecoders(text: string, options: { strict?: boolean } = {}): Promise<Outcome> {
  const buffered = bufferedOutcome(text, options);
  expectSameOutcome(await streamOutcome(asAsync(cut(utf8(text), [1])), options), buffered, 'bytes');
  expectSameOutcome(await streamOutcome(text, options), buffered, 'one string');
  return buffered;
}

function warningsOf(outcome: Outcome): readonly UnboundPrefixWarning[] {
  expect(outcome.ok, outcome.ok ? '' : String(outcome.error)).toBe(true);
  return outcome.ok ? (outcome.warnings as UnboundPrefixWarning[]) : [];
}

describe('decoding bodies with undeclared prefixes', () => {
  it('the headline PROPPATCH answer: the DAV: condition and property are read, the warning names the response', async () => {
    const outcome = await bothDecoders(undeclaredProppatchBody('/dav/a.txt'));
    expect(outcome.ok && outcome.responses[0]).toMatchObject({
      href: '/dav/a.txt',
      propstats: [
        {
          status: 403,
          props: { '{DAV:}getetag': null },
          error: [{ name: '{DAV:}cannot-modify-protected-property' }],
        },
        { status: 424, props: { '{urn:acme}state': null } },
      ],
    });
    expect(warningsOf(outcome)).toEqual([
      {
        kind: 'unbound-prefix',
        prefix: 'DAV',
        namespace: 'DAV:',
        conventional: true,
        occurrences: 2,
        element: 'DAV:getetag',
        href: '/dav/a.txt',
        message:
          'The prefix "DAV" is used without a declaration (2 times, first in <DAV:getetag> in the response for /dav/a.txt); its names were read in its conventional namespace "DAV:".',
      },
    ]);
  });

  it('a root that declares nothing: D: is DAV:, the warning has no response', async () => {
    const text =
      '<D:multistatus><D:response><D:href>/dav/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>';
    const outcome = await bothDecoders(text);
    expect(outcome.ok && outcome.responses).toEqual([
      {
        kind: 'status',
        href: '/dav/x',
        path: '/dav/x',
        hrefs: ['/dav/x'],
        paths: ['/dav/x'],
        status: 200,
        reason: 'OK',
      },
    ]);
    expect(warningsOf(outcome)).toMatchObject([{ prefix: 'D', element: 'D:multistatus', occurrences: 4 }]);
    expect(warningsOf(outcome)[0]?.href).toBeUndefined();
  });

  it('an unknown prefix goes to urn:davkit:unbound:<prefix>, attributes included, and never passes for DAV:', async () => {
    const text =
      '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/y</d:href><d:propstat><d:prop>' +
      '<x1:share-permissions x1:scope="all">31</x1:share-permissions><getetag/></d:prop>' +
      '<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>';
    const outcome = await bothDecoders(text);
    expect(outcome.ok && outcome.responses[0]).toMatchObject({
      propstats: [
        {
          props: {
            '{urn:davkit:unbound:x1}share-permissions': {
              attributes: { '{urn:davkit:unbound:x1}scope': 'all' },
              text: '31',
            },
            // An unprefixed name with no default namespace is in no namespace: not DAV:getetag.
            getetag: { name: 'getetag', text: '' },
          },
        },
      ],
    });
    expect(warningsOf(outcome)).toMatchObject([
      { prefix: 'x1', conventional: false, occurrences: 2, element: 'x1:share-permissions', href: '/dav/y' },
    ]);
  });

  it('counts each prefix where it was first met, across responses and the top-level description', async () => {
    const response = (href: string, inner: string) =>
      `<d:response><d:href>${href}</d:href><d:propstat><d:prop>${inner}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
    const text =
      `<d:multistatus xmlns:d="DAV:">${response('/dav/1', '<d:getetag>"1"</d:getetag>')}` +
      `${response('/dav/2', '<oc:id>2</oc:id>')}${response('/dav/3', '<oc:id>3</oc:id><nc:x/>')}` +
      '<cs:note>top</cs:note><d:responsedescription><s:why>?</s:why></d:responsedescription></d:multistatus>';
    const warnings = warningsOf(await bothDecoders(text));
    expect(warnings.map((w) => [w.prefix, w.occurrences, w.href])).toEqual([
      ['oc', 2, '/dav/2'],
      ['nc', 1, '/dav/3'],
      ['cs', 1, undefined],
      ['s', 1, undefined],
    ]);
  });

  it('strict: true refuses the same bodies in both decoders, as davkit did before', async () => {
    for (const text of [undeclaredProppatchBody('/dav/a.txt'), '<D:multistatus/>']) {
      const outcome = await bothDecoders(text, { strict: true });
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && isDavParseError(outcome.error) && outcome.error.message).toMatch(
        /is not declared/,
      );
    }
  });

  it('a body flooding distinct prefixes decodes with a bounded list of warnings', async () => {
    const props = Array.from({ length: 500 }, (_, i) => `<p${i}:x/>`).join('');
    const text = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/z</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;
    const outcome = bufferedOutcome(text);
    expect(outcome.ok && outcome.warnings.length).toBe(65);
    expect(outcome.ok && outcome.warnings.at(-1)).toMatchObject({
      kind: 'unbound-prefix-overflow',
      prefixes: 436,
      occurrences: 436,
    });
    expectSameOutcome(await streamOutcome(text), outcome);
  });

  it('the stream shows warnings while it is read, complete at its end', async () => {
    const text = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/1</d:href><d:propstat><d:prop><oc:a/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/dav/2</d:href><d:status>HTTP/1.1 200 OK</d:status></d:response><nc:late/></d:multistatus>`;
    const stream = decodeMultiStatusStream(asAsync(cut(text, [40])));
    const seen: string[][] = [];
    for await (const _ of stream) {
      seen.push(stream.warnings.map((w) => (w.kind === 'unbound-prefix' ? w.prefix : '')));
    }
    expect(seen[0]).toEqual(['oc']);
    expect(stream.warnings.map((w) => (w.kind === 'unbound-prefix' ? w.prefix : ''))).toEqual(['oc', 'nc']);
    expect(stream.warnings).toEqual(decodeMultiStatus(text).warnings);
  });

  it('a body that needs no recovery has no warnings field at all (decoded results are unchanged)', () => {
    const ms = decodeMultiStatus(
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>',
    );
    expect('warnings' in ms).toBe(false);
  });
});

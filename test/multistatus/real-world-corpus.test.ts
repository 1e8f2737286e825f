/**
 * Other projects' real-world bodies (test/fixtures/real-world/, origin and licence in its README):
 * what each one means, written by hand from the body, and what both decoders give for it. Bodies
 * that need recovery (undeclared prefixes) carry their warnings; a body that is not XML is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';
import { asAsync, cut, utf8 } from '../stream/stream-helpers.ts';
import {
  COLLECTION,
  EXCLUSIVE_WRITE,
  element,
  NON_COLLECTION,
  notFound,
  ok,
  SHARED_WRITE,
} from './expected.ts';

const DIR = new URL('../fixtures/real-world/', import.meta.url);

function body(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

/** The buffered decode, after checking that the stream (one byte at a time) gives exactly the same. */
async function decodeBoth(name: string): Promise<MultiStatus> {
  const text = body(name);
  const buffered = decodeMultiStatus(text);
  const stream = decodeMultiStatusStream(asAsync(cut(utf8(text), [1])));
  const responses = [];
  for await (const response of stream) {
    responses.push(response);
  }
  expect({
    kind: 'multistatus',
    responses,
    ...(stream.description === undefined ? {} : { description: stream.description }),
    ...(stream.syncToken === undefined ? {} : { syncToken: stream.syncToken }),
    ...(stream.warnings.length === 0 ? {} : { warnings: stream.warnings }),
  }).toStrictEqual(buffered);
  return buffered;
}

const OC = 'http://owncloud.org/ns';
const NC = 'http://nextcloud.org/ns';
const CALDAV = 'urn:ietf:params:xml:ns:caldav';
const NEXTCLOUD_DATE = { '{DAV:}creationdate': '1970-01-01T00:00:00.000Z' };

describe('npm webdav (perry-mitchell/webdav-client) test responses', () => {
  it('empty-multistatus.xml: no responses', async () => {
    expect(await decodeBoth('webdav-client/empty-multistatus.xml')).toEqual({
      kind: 'multistatus',
      responses: [],
    });
  });

  it('nginx-not-found.xml: a 404 propstat with no properties', async () => {
    expect(await decodeBoth('webdav-client/nginx-not-found.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/p-nice/does-not-exist',
          path: '/p-nice/does-not-exist',
          propstats: [notFound({})],
        },
      ],
    });
  });

  it('propfind-attributes.xml: an attribute without a value is not XML, whatever else is right', async () => {
    const text = body('webdav-client/propfind-attributes.xml');
    let error: unknown;
    try {
      decodeMultiStatus(text);
    } catch (thrown) {
      error = thrown;
    }
    expect(isDavParseError(error) && error.position?.line).toBe(13);
    await expect(
      (async () => {
        for await (const _ of decodeMultiStatusStream(text)) {
          // refused before the response closes
        }
      })(),
    ).rejects.toSatisfy(isDavParseError);
  });

  it('propfind-attributes-conflict.xml: an attribute and a child of the same name stay apart', async () => {
    const Z = 'http://ns.example.com/standards/z1.2.3.4';
    expect(await decodeBoth('webdav-client/propfind-attributes-conflict.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/remote.php/dav/files/admin/foo/',
          path: '/remote.php/dav/files/admin/foo/',
          propstats: [
            ok({
              '{DAV:}getetag': '"66a15a0171527"',
              '{DAV:}getlastmodified': '2024-07-24T19:46:09.000Z',
              ...NEXTCLOUD_DATE,
              [`{${Z}}prop`]: element(`{${Z}}prop`, '', [element(`{${Z}}link`, 'text value')], {
                [`{${Z}}link`]: 'value',
              }),
            }),
          ],
        },
      ],
    });
  });

  it.each([
    ['propfind-float-like-displayname.xml', '2024.10'],
    ['propfind-numeric-displayname.xml', '1'],
  ])('%s: the display name stays the text %s; -3 is unlimited quota', async (name, displayname) => {
    expect(await decodeBoth(`webdav-client/${name}`)).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/remote.php/dav/files/admin/1/',
          path: '/remote.php/dav/files/admin/1/',
          propstats: [
            ok({
              '{DAV:}getetag': '"66a15a0171527"',
              '{DAV:}getlastmodified': '2024-07-24T19:46:09.000Z',
              ...NEXTCLOUD_DATE,
              '{DAV:}displayname': displayname,
              '{DAV:}quota-available-bytes': 'unlimited',
              '{DAV:}resourcetype': COLLECTION,
            }),
            notFound({ '{DAV:}getcontentlength': null, '{DAV:}getcontenttype': null }),
          ],
        },
      ],
    });
  });

  const markdown = {
    '{DAV:}getcontentlength': 0,
    '{DAV:}getcontenttype': 'text/markdown',
    '{DAV:}getetag': '"e9fb0c7d776a0607e2277aad4cc74a08"',
    '{DAV:}getlastmodified': '2024-02-04T14:09:50.000Z',
    '{DAV:}resourcetype': NON_COLLECTION,
  };

  it('propfind-href-html-entities.xml: the file is named "&amp;.md" (percent-decoded once, never entity-decoded)', async () => {
    expect(await decodeBoth('webdav-client/propfind-href-html-entities.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: 'http://example.com/files/%26amp%3b.md',
          path: '/files/&amp;.md',
          propstats: [ok(markdown), notFound({ '{DAV:}quota-available-bytes': null })],
        },
      ],
    });
  });

  it('propfind-href-with-query.xml: the query is not part of the path; the href keeps it', async () => {
    expect(await decodeBoth('webdav-client/propfind-href-with-query.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/files/some%20file?foo=1&bar=2',
          path: '/files/some file',
          propstats: [ok(markdown)],
        },
      ],
    });
  });

  it('propfind-nextcloud-share-attributes.xml: oc:, nc: and an inline x1: namespace, -3 quota, 404s', async () => {
    const oc = (local: string, text = '') => element(`{${OC}}${local}`, text);
    const nc = (local: string, text = '') => element(`{${NC}}${local}`, text);
    const OCS = 'http://open-collaboration-services.org/ns';
    expect(await decodeBoth('webdav-client/propfind-nextcloud-share-attributes.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/remote.php/dav/files/user1/New%20folder/',
          path: '/remote.php/dav/files/user1/New folder/',
          propstats: [
            ok({
              '{DAV:}getetag': '"67ada8c90025b"',
              '{DAV:}getlastmodified': '2025-02-13T08:09:44.000Z',
              ...NEXTCLOUD_DATE,
              '{DAV:}displayname': 'New folder',
              '{DAV:}quota-available-bytes': 'unlimited',
              '{DAV:}resourcetype': COLLECTION,
              [`{${NC}}has-preview`]: nc('has-preview', 'false'),
              [`{${NC}}mount-type`]: nc('mount-type', 'shared'),
              [`{${OC}}comments-unread`]: oc('comments-unread', '0'),
              [`{${OC}}favorite`]: oc('favorite', '0'),
              [`{${OC}}fileid`]: oc('fileid', '56'),
              [`{${OC}}owner-display-name`]: oc('owner-display-name', 'admin'),
              [`{${OC}}owner-id`]: oc('owner-id', 'admin'),
              [`{${OC}}permissions`]: oc('permissions', 'SRGDNVCK'),
              [`{${OC}}size`]: oc('size', '292842'),
              [`{${NC}}hidden`]: nc('hidden', 'false'),
              [`{${NC}}is-mount-root`]: nc('is-mount-root', 'true'),
              [`{${NC}}reminder-due-date`]: nc('reminder-due-date'),
              [`{${NC}}note`]: nc('note'),
              [`{${NC}}sharees`]: nc('sharees'),
              // The server's line break and indentation before the JSON are its text, kept.
              [`{${NC}}share-attributes`]: nc(
                'share-attributes',
                '\n\t\t\t\t\t[{"scope":"permissions","key":"download","value":false}]',
              ),
              [`{${OC}}share-types`]: oc('share-types'),
              [`{${OCS}}share-permissions`]: element(`{${OCS}}share-permissions`, '31'),
              [`{${NC}}system-tags`]: nc('system-tags'),
              [`{${NC}}rich-workspace`]: nc('rich-workspace'),
              [`{${NC}}rich-workspace-file`]: nc('rich-workspace-file'),
            }),
            notFound({
              '{DAV:}getcontentlength': null,
              '{DAV:}getcontenttype': null,
              [`{${NC}}is-encrypted`]: null,
              [`{${NC}}metadata-blurhash`]: null,
              [`{${NC}}metadata-files-live-photo`]: null,
            }),
          ],
        },
      ],
    });
  });

  it('quota-valid.xml: used bytes, and "unlimited" where webdav-client saw -3', async () => {
    const ms = await decodeBoth('webdav-client/quota-valid.xml');
    expect(ms).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/remote.php/webdav/',
          path: '/remote.php/webdav/',
          propstats: [
            ok({
              '{DAV:}getlastmodified': '2017-08-03T05:26:46.000Z',
              '{DAV:}resourcetype': COLLECTION,
              '{DAV:}quota-used-bytes': 6864755191,
              '{DAV:}quota-available-bytes': 'unlimited',
              '{DAV:}getetag': '"5982b416b4a54"',
            }),
          ],
        },
      ],
    });
  });

  it('quota-invalid.xml: no quota properties at all; status before prop, absolute hrefs, a location', async () => {
    expect(await decodeBoth('webdav-client/quota-invalid.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: 'http://localhost:9988/webdav/server/',
          path: '/webdav/server/',
          location: 'http://localhost:9988/webdav/server',
          propstats: [
            ok({
              '{DAV:}getlastmodified': '2017-08-06T09:43:20.000Z',
              '{DAV:}lockdiscovery': [],
              '{DAV:}supportedlock': [EXCLUSIVE_WRITE, SHARED_WRITE],
              // 09:43:20 at UTC−3.
              '{DAV:}creationdate': '2017-08-06T12:43:20.000Z',
              '{DAV:}resourcetype': COLLECTION,
              '{DAV:}displayname': 'server',
              '{DAV:}getetag': '"f48780e12fe315dd25882421c2e56c4f"',
            }),
          ],
        },
      ],
    });
  });

  it('seafile-propfind.xml: ns0: for DAV:, an empty display name, unquoted ETags as sent', async () => {
    const locks = { '{DAV:}lockdiscovery': [], '{DAV:}supportedlock': [EXCLUSIVE_WRITE, SHARED_WRITE] };
    expect(await decodeBoth('webdav-client/seafile-propfind.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/seafdav/',
          path: '/seafdav/',
          propstats: [ok({ '{DAV:}resourcetype': COLLECTION, '{DAV:}displayname': '', ...locks })],
        },
        {
          kind: 'propstat',
          href: '/seafdav/Ma%20biblioth%C3%A8que/',
          path: '/seafdav/Ma bibliothèque/',
          propstats: [
            ok({
              '{DAV:}resourcetype': COLLECTION,
              '{DAV:}displayname': 'Ma bibliothèque',
              '{DAV:}getetag': '2920f985ebc6692632c7c3ab46b3919556239d37',
              ...locks,
            }),
          ],
        },
      ],
    });
  });

  it('search-full-success.xml: two files', async () => {
    const ms = await decodeBoth('webdav-client/search-full-success.xml');
    expect(
      ms.responses.map((r) => [
        r.path,
        r.kind === 'propstat' && r.propstats[0]?.props['{DAV:}getcontentlength'],
      ]),
    ).toEqual([
      ['/first-file.md', 0],
      ['/second file.txt', 164],
    ]);
    expect(ms.responses[1]).toEqual({
      kind: 'propstat',
      href: '/second%20file.txt',
      path: '/second file.txt',
      propstats: [
        ok({
          '{DAV:}getcontentlength': 164,
          '{DAV:}getcontenttype': 'text/plain',
          '{DAV:}getetag': '"a604cf383444aab743c71f12b81de338"',
          '{DAV:}getlastmodified': '2023-08-03T16:12:57.000Z',
          '{DAV:}resourcetype': NON_COLLECTION,
        }),
      ],
    });
  });

  it('search-truncated.xml: nc: and oc: read as Nextcloud’s and ownCloud’s, with warnings; the 507 kept', async () => {
    expect(await decodeBoth('webdav-client/search-truncated.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/first-file.md',
          path: '/first-file.md',
          propstats: [
            ok({
              '{DAV:}getcontentlength': 0,
              '{DAV:}getcontenttype': 'text/markdown',
              '{DAV:}getetag': '"54d5b8eac2d78c7824925f2fa008bc8d"',
              '{DAV:}getlastmodified': '2023-08-03T21:19:11.000Z',
              '{DAV:}resourcetype': NON_COLLECTION,
            }),
            notFound({
              '{DAV:}quota-available-bytes': null,
              [`{${NC}}is-encrypted`]: null,
              [`{${OC}}owner-display-name`]: null,
              [`{${OC}}owner-id`]: null,
            }),
          ],
        },
        {
          kind: 'status',
          href: '/',
          path: '/',
          hrefs: ['/'],
          paths: ['/'],
          status: 507,
          reason: 'Insufficient Storage',
        },
      ],
      warnings: [
        {
          kind: 'unbound-prefix',
          prefix: 'nc',
          namespace: NC,
          conventional: true,
          occurrences: 1,
          element: 'nc:is-encrypted',
          href: '/first-file.md',
          message:
            'The prefix "nc" is used without a declaration (once, first in <nc:is-encrypted> in the response for /first-file.md); its names were read in its conventional namespace "http://nextcloud.org/ns".',
        },
        {
          kind: 'unbound-prefix',
          prefix: 'oc',
          namespace: OC,
          conventional: true,
          occurrences: 2,
          element: 'oc:owner-display-name',
          href: '/first-file.md',
          message:
            'The prefix "oc" is used without a declaration (2 times, first in <oc:owner-display-name> in the response for /first-file.md); its names were read in its conventional namespace "http://owncloud.org/ns".',
        },
      ],
    });
  });

  it('search-truncated.xml with strict: true is refused, as before', () => {
    expect(() => decodeMultiStatus(body('webdav-client/search-truncated.xml'), { strict: true })).toThrow(
      /prefix "nc" of <nc:is-encrypted> is not declared/,
    );
  });
});

describe('python-caldav test responses (iCloud, Nextcloud)', () => {
  const ICLOUD = '/17149682/calendars/';

  it('icloud-current-user-principal.xml: the principal href, as an element', async () => {
    expect(await decodeBoth('python-caldav/icloud-current-user-principal.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/',
          path: '/',
          propstats: [
            ok({
              '{DAV:}current-user-principal': element('{DAV:}current-user-principal', '', [
                element('{DAV:}href', '/17149682/principal/'),
              ]),
            }),
          ],
        },
      ],
    });
  });

  it('icloud-calendar-home-set.xml: a CalDAV property holding an absolute-URL href', async () => {
    const ms = await decodeBoth('python-caldav/icloud-calendar-home-set.xml');
    expect(ms.responses[0]).toEqual({
      kind: 'propstat',
      href: '/17149682/principal/',
      path: '/17149682/principal/',
      propstats: [
        ok({
          [`{${CALDAV}}calendar-home-set`]: element(`{${CALDAV}}calendar-home-set`, '', [
            element('{DAV:}href', 'https://p62-caldav.icloud.com:443/17149682/calendars/'),
          ]),
        }),
      ],
    });
  });

  it('icloud-calendar-data-404.xml: an empty 200 propstat, and calendar-data not found', async () => {
    expect(await decodeBoth('python-caldav/icloud-calendar-data-404.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: `${ICLOUD}testcalendar-485d002e-31b9-4147-a334-1d71503a4e2c/`,
          path: `${ICLOUD}testcalendar-485d002e-31b9-4147-a334-1d71503a4e2c/`,
          propstats: [ok({}), notFound({ [`{${CALDAV}}calendar-data`]: null })],
        },
      ],
    });
  });

  it('icloud-calendar-multiget.xml: the event’s calendar data exactly, its %40 decoded in the path', async () => {
    const ms = await decodeBoth('python-caldav/icloud-calendar-multiget.xml');
    const calendar = `${ICLOUD}testcalendar-84439d0b-ce46-4416-b978-7b4009122c64/`;
    expect(ms.responses.map((r) => r.path)).toEqual([
      calendar,
      `${calendar}20010712T182145Z-123401@example.com.ics`,
    ]);
    expect(ms.responses[1]?.kind === 'propstat' && ms.responses[1].propstats).toEqual([
      ok({
        [`{${CALDAV}}calendar-data`]: element(
          `{${CALDAV}}calendar-data`,
          'BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example Corp.//CalDAV Client//EN\nBEGIN:VEVENT\nUID:20010712T182145Z-123401@example.com\nDTSTAMP:20060712T182145Z\nDTSTART:20060714T170000Z\nDTEND:20060715T040000Z\nSUMMARY:Bastille Day Party\nEND:VEVENT\nEND:VCALENDAR\n',
        ),
      }),
    ]);
  });

  it('icloud-calendars.xml: resource types from two namespaces; a 404 display name', async () => {
    const calendar = { collection: true, types: ['{DAV:}collection', `{${CALDAV}}calendar`] };
    const ms = await decodeBoth('python-caldav/icloud-calendars.xml');
    expect(ms.responses.map((r) => (r.kind === 'propstat' ? [r.path, r.propstats] : []))).toEqual([
      [ICLOUD, [ok({ '{DAV:}resourcetype': COLLECTION, '{DAV:}displayname': 'Ny Test' })]],
      [
        `${ICLOUD}06888b87-397f-11eb-943b-3af9d3928d42/`,
        [ok({ '{DAV:}resourcetype': calendar, '{DAV:}displayname': 'calfoo3' })],
      ],
      [
        `${ICLOUD}inbox/`,
        [
          ok({
            '{DAV:}resourcetype': {
              collection: true,
              types: ['{DAV:}collection', `{${CALDAV}}schedule-inbox`],
            },
          }),
          notFound({ '{DAV:}displayname': null }),
        ],
      ],
      [
        `${ICLOUD}testcalendar-e2910e0a-feab-4b51-b3a8-55828acaa912/`,
        [ok({ '{DAV:}resourcetype': calendar, '{DAV:}displayname': 'Yep' })],
      ],
    ]);
  });

  it('icloud-sync-collection.xml: three ETags and the sync token', async () => {
    const ms = await decodeBoth('python-caldav/icloud-sync-collection.xml');
    expect(ms.syncToken).toBe('HwoQEgwAAAh4yw8ntwAAAAAYAhgAIhUIopml463FieB4EKq9+NSn04DrkQEoAA==');
    expect(ms.responses.map((r) => r.kind === 'propstat' && r.propstats[0]?.props['{DAV:}getetag'])).toEqual([
      '"kkkgopik"',
      '"kkkgorwx"',
      '"kkkgoqqu"',
    ]);
  });

  it('duplicated-response.xml: the same response twice is kept twice (davkit does not merge)', async () => {
    const ms = await decodeBoth('python-caldav/duplicated-response.xml');
    const principal = {
      kind: 'propstat',
      href: '/principals/users/frank/',
      path: '/principals/users/frank/',
      propstats: [
        ok({
          '{DAV:}current-user-principal': element('{DAV:}current-user-principal', '', [
            element('{DAV:}href', '/principals/users/frank/'),
          ]),
        }),
      ],
    };
    expect(ms).toEqual({ kind: 'multistatus', responses: [principal, principal] });
  });

  it('nextcloud-recurring-task-report.xml: the VTODO text exactly, in cal: (CalDAV) declared by Nextcloud', async () => {
    const ms = await decodeBoth('python-caldav/nextcloud-recurring-task-report.xml');
    const [response] = ms.responses;
    expect(response?.path).toBe(
      '/remote.php/dav/calendars/oxi/personal/A9FFE819-5DDB-4947-A09C-308EEE5DA1F9.ics',
    );
    const data =
      response?.kind === 'propstat' ? response.propstats[0]?.props[`{${CALDAV}}calendar-data`] : undefined;
    const text = (data as { text: string } | undefined)?.text ?? '';
    expect(
      text.startsWith(
        'BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:+//IDN bitfire.at//ical4android (at.techbee.jtx)\n',
      ),
    ).toBe(true);
    expect(text.endsWith('PRIORITY:0\nEND:VTODO\nEND:VCALENDAR\n')).toBe(true);
    expect(text.match(/BEGIN:VTODO/g)).toHaveLength(7);
    expect(ms.warnings).toBeUndefined();
  });
});

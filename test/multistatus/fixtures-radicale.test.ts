/**
 * Radicale 3.1.8 is not in the harness: these two fixtures are hand-written from
 * shared/reference/real-servers.md (§4, §7). Quirks: DAV: as the default namespace, a single-quoted
 * XML declaration, CalDAV/Apple prefixes, and a multiget REPORT that lists the missing href first as a
 * bare 404 response.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { DATE, element, NON_COLLECTION, notFound, ok } from './expected.ts';
import { decodeFixture } from './fixture-files.ts';

const CAL = 'urn:ietf:params:xml:ns:caldav';
const CS = 'http://calendarserver.org/ns/';
const ICAL = 'http://apple.com/ns/ical/';
const EVENT_ETAG = '"7c9b1e5a0f3d2c4b8a6e1d0f9c8b7a65"';

describe('radicale fixtures (hand-written)', () => {
  it('radicale-propfind-default-ns.xml: unprefixed names resolve to DAV:, calendar types kept', () => {
    const ctag = '"d41d8cd98f00b204e9800998ecf8427e"';
    expect(decodeFixture('radicale-propfind-default-ns.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/alice/work/',
          path: '/alice/work/',
          propstats: [
            ok({
              '{DAV:}resourcetype': { collection: true, types: ['{DAV:}collection', `{${CAL}}calendar`] },
              '{DAV:}displayname': 'Work',
              [`{${ICAL}}calendar-color`]: element(`{${ICAL}}calendar-color`, '#0B6623FF'),
              [`{${CS}}getctag`]: element(`{${CS}}getctag`, ctag),
              '{DAV:}getetag': ctag,
            }),
            notFound({ '{urn:example:davkit}missing': null }),
          ],
        },
        {
          kind: 'propstat',
          href: '/alice/work/standup.ics',
          path: '/alice/work/standup.ics',
          propstats: [
            ok({
              '{DAV:}resourcetype': NON_COLLECTION,
              '{DAV:}getetag': EVENT_ETAG,
              '{DAV:}getcontenttype': 'text/calendar;charset=utf-8;component=VEVENT',
              '{DAV:}getcontentlength': 212,
              '{DAV:}getlastmodified': DATE,
            }),
            notFound({
              '{DAV:}displayname': null,
              [`{${ICAL}}calendar-color`]: null,
              [`{${CS}}getctag`]: null,
              '{urn:example:davkit}missing': null,
            }),
          ],
        },
      ],
    } satisfies MultiStatus);
  });

  it('radicale-report-multiget-404.xml: the bare 404 response first, then the calendar data', () => {
    const calendar = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//davkit//fixtures//EN',
      'BEGIN:VEVENT',
      'UID:standup@example.com',
      'DTSTAMP:20250106T100000Z',
      'DTSTART:20250106T093000Z',
      'SUMMARY:Stand-up & planning',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\n');
    expect(decodeFixture('radicale-report-multiget-404.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'status',
          href: '/alice/work/missing.ics',
          path: '/alice/work/missing.ics',
          hrefs: ['/alice/work/missing.ics'],
          paths: ['/alice/work/missing.ics'],
          status: 404,
          reason: 'Not Found',
        },
        {
          kind: 'propstat',
          href: '/alice/work/standup.ics',
          path: '/alice/work/standup.ics',
          propstats: [
            ok({
              '{DAV:}getetag': EVENT_ETAG,
              [`{${CAL}}calendar-data`]: element(`{${CAL}}calendar-data`, calendar),
            }),
          ],
        },
      ],
    } satisfies MultiStatus);
  });
});

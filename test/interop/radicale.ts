/**
 * Radicale helpers for the interop tests: it stores calendar and address-book objects only, in
 * collections made with MKCALENDAR (a method davkit does not send, so plain `fetch` makes them).
 */

/** Makes a calendar at `url` (ending with `/`) and returns the URL. */
export async function calendar(url: string): Promise<string> {
  const response = await fetch(url, { method: 'MKCALENDAR' });
  if (response.status !== 201) {
    throw new Error(`MKCALENDAR ${url} answered ${response.status}`);
  }
  return url;
}

/** A one-event iCalendar object; `uid` must be unique in its calendar. */
export function event(uid: string, summary: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//davkit//tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260101T100000Z',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

import type { QuotaSentinel } from '../../model/multistatus.ts';
import { trimXml, type XmlElement } from '../../model/xml-element.ts';
import { detached } from '../../utils/detach.ts';

/** A non-negative integer property (`getcontentlength`, RFC 4331 quotas); `null` if it is not one. */
export function decodeInteger(element: XmlElement): number | null {
  const text = trimXml(element.text);
  if (!/^\d{1,16}$/.test(text)) {
    return null;
  }
  return Number(text);
}

const QUOTA_SENTINELS: ReadonlyMap<string, QuotaSentinel> = new Map([
  ['-3', 'unlimited'],
  ['-2', 'unknown'],
  ['-1', 'not-computed'],
]);

/**
 * `DAV:quota-available-bytes`: bytes (RFC 4331), or the sentinel Nextcloud and ownCloud send in its
 * place (`-3` unlimited, `-2` unknown, `-1` not computed); `null` for anything else.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4331#section-3
 */
export function decodeQuotaAvailable(element: XmlElement): number | QuotaSentinel | null {
  return QUOTA_SENTINELS.get(trimXml(element.text)) ?? decodeInteger(element);
}

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

// The IMF-fixdate every server sends for getlastmodified, "Sun, 01 Nov 2026 10:00:00 GMT", with a
// day that exists in every month (1–28). Fixed positions: no captures to allocate.
const IMF_FIXDATE =
  /^[A-Z][a-z]{2}, (?:0[1-9]|1\d|2[0-8]) [A-Z][a-z]{2} \d{4} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d GMT$/;

/**
 * The common case without `Date`: such an IMF-fixdate maps field by field to ISO 8601. Dates are
 * decoded once per entry, so this matters for big listings.
 */
function fastIso(text: string): string | undefined {
  const month = IMF_FIXDATE.test(text) ? MONTHS[text.slice(8, 11)] : undefined;
  return month === undefined
    ? undefined
    : `${text.slice(12, 16)}-${month}-${text.slice(5, 7)}T${text.slice(17, 25)}.000Z`;
}

// The RFC 3339 form servers send for creationdate, in UTC to the second: "2026-11-01T10:00:00Z".
const RFC3339_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/**
 * A date property as ISO 8601. `getlastmodified` is an RFC 1123 date, `creationdate` an RFC 3339 one;
 * both go through `Date.parse` unless the fast path above applies. A value that is not a date is kept
 * as the server's text.
 */
export function decodeDate(element: XmlElement): string {
  const text = trimXml(element.text);
  const fast = fastIso(text);
  if (fast !== undefined) {
    return fast;
  }
  // What `toISOString` gives for such a date, without building one (days 1–28 exist in every month).
  // Short pieces: copies, never views of the body the text was read from (see `detached`).
  if (RFC3339_UTC.test(text)) {
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? detached(text) : new Date(time).toISOString();
}

/** A token-like property (`getetag`, `getcontenttype`): surrounding whitespace is not part of it. */
export function decodeTrimmedText(element: XmlElement): string {
  return detached(trimXml(element.text));
}

/** Free text (`displayname`): kept exactly, whitespace included. */
export function decodeText(element: XmlElement): string {
  return detached(element.text);
}

import { trimXml, type XmlElement } from '../../xml/xml-element.ts';

/** A non-negative integer property (`getcontentlength`, RFC 4331 quotas); `null` if it is not one. */
export function decodeInteger(element: XmlElement): number | null {
  const text = trimXml(element.text);
  if (!/^\d{1,16}$/.test(text)) {
    return null;
  }
  return Number(text);
}

/**
 * A date property as ISO 8601. `getlastmodified` is an RFC 1123 date, `creationdate` an RFC 3339 one;
 * both go through `Date.parse`. A value that is not a date is kept as the server's text.
 */
export function decodeDate(element: XmlElement): string {
  const text = trimXml(element.text);
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

/** A token-like property (`getetag`, `getcontenttype`): surrounding whitespace is not part of it. */
export function decodeTrimmedText(element: XmlElement): string {
  return trimXml(element.text);
}

/** Free text (`displayname`): kept exactly, whitespace included. */
export function decodeText(element: XmlElement): string {
  return element.text;
}

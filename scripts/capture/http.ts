/**
 * Raw HTTP for the fixture capture: plain `fetch`, no davkit, so the captures do not depend on the
 * code they test.
 */

/** One answer as captured. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  /** The `Lock-Token` header as sent, and the token in it (without angle brackets). */
  readonly lockTokenHeader: string | undefined;
  readonly lockToken: string | undefined;
  readonly text: string;
}

/** Sends one request (no redirects followed) and reads the whole body as text. */
export async function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (body !== undefined) {
    init.body = body;
    init.headers = { 'Content-Type': 'application/xml; charset=utf-8', ...headers };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  const header = res.headers.get('lock-token') ?? undefined;
  const token = header?.trim().replace(/^<|>$/g, '');
  return {
    status: res.status,
    statusText: res.statusText,
    contentType: res.headers.get('content-type') ?? '',
    lockTokenHeader: header,
    lockToken: token === '' ? undefined : token,
    text,
  };
}

const XML = '<?xml version="1.0" encoding="utf-8"?>\n';
/** The namespace of the custom properties the captures set and ask for. */
export const X_NS = 'urn:example:davkit';

/** Request bodies, written by hand (not by davkit's builders). */
export const BODIES = {
  allprop: `${XML}<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>`,
  propname: `${XML}<D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>`,
  named:
    `${XML}<D:propfind xmlns:D="DAV:" xmlns:X="${X_NS}"><D:prop>` +
    '<D:getetag/><D:getcontentlength/><D:resourcetype/><X:color/><X:meta/><X:missing/>' +
    '</D:prop></D:propfind>',
  lockdiscovery: `${XML}<D:propfind xmlns:D="DAV:"><D:prop><D:lockdiscovery/></D:prop></D:propfind>`,
  setDead:
    `${XML}<D:propertyupdate xmlns:D="DAV:" xmlns:X="${X_NS}"><D:set><D:prop>` +
    '<X:color>blue &amp; green</X:color>' +
    '<X:meta><X:tag lang="en">caf&#233;</X:tag><X:tag lang="de">Gr&#252;n</X:tag></X:meta>' +
    '</D:prop></D:set></D:propertyupdate>',
  setProtected:
    `${XML}<D:propertyupdate xmlns:D="DAV:" xmlns:X="${X_NS}"><D:set><D:prop>` +
    '<X:color>red</X:color><D:getetag>"forged"</D:getetag>' +
    '</D:prop></D:set></D:propertyupdate>',
  lockinfo:
    `${XML}<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>` +
    '<D:locktype><D:write/></D:locktype><D:owner><D:href>mailto:fixtures@example.com</D:href></D:owner>' +
    '</D:lockinfo>',
} as const;

/** Headers of a LOCK creating a lock. */
export function lockHeaders(depth: '0' | 'infinity'): Record<string, string> {
  return { Depth: depth, Timeout: 'Second-600' };
}

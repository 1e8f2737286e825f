/** Tiny builders for multistatus bodies in tests, with the prefixes real servers use. */

/** `<D:response>` with one status. */
export function statusResponse(href: string, status: string, extra = ''): string {
  return `<D:response><D:href>${href}</D:href><D:status>HTTP/1.1 ${status}</D:status>${extra}</D:response>`;
}

/** A propstat: `props` are inner prop elements (with their own namespace declarations if needed). */
export function propstat(props: string, status: string, extra = ''): string {
  return `<D:propstat><D:prop>${props}</D:prop><D:status>HTTP/1.1 ${status}</D:status>${extra}</D:propstat>`;
}

/** `<D:response>` with propstats. */
export function propstatResponse(href: string, ...propstats: string[]): string {
  return `<D:response><D:href>${href}</D:href>${propstats.join('')}</D:response>`;
}

/** A whole multistatus document. */
export function multistatus(...responses: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">${responses.join('')}</D:multistatus>`;
}

/** A request as the embedded server's handlers see it, and what they answer. */

/** A request: decoded path, lower-case headers, the whole body. */
export interface DavRequest {
  readonly method: string;
  /** Decoded server path (`/dav/a b.txt`). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  /** `http://host:port`, to read `Destination` headers. */
  readonly origin: string;
}

/** An answer. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
}

/** An XML answer. */
export function xmlAnswer(status: number, xml: string): Answer {
  return { status, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: xml };
}

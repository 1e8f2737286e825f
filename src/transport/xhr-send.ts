import type { Progress } from '../model/progress.ts';

/** The part of `XMLHttpRequest` davkit uses (the DOM types are not in davkit's build). */
interface Xhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getAllResponseHeaders(): string;
  send(body: ArrayBuffer | null): void;
  abort(): void;
  withCredentials: boolean;
  responseType: string;
  readonly status: number;
  readonly statusText: string;
  readonly response: ArrayBuffer | null;
  readonly upload: { onprogress: ((event: ProgressLike) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

interface ProgressLike {
  readonly loaded: number;
  readonly total: number;
  readonly lengthComputable: boolean;
}

const XhrConstructor = (globalThis as { XMLHttpRequest?: new () => Xhr }).XMLHttpRequest;

/**
 * Whether a browser upload can report its progress: `fetch` gives no upload events and browsers
 * stream request bodies only over HTTP/2, so davkit sends such a request with `XMLHttpRequest`.
 *
 * @example
 * ```ts
 * if (canSendWithXhr()) fetchImpl = xhrFetch(onUploadProgress);
 * ```
 */
export function canSendWithXhr(): boolean {
  return XhrConstructor !== undefined;
}

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for ky, over `XMLHttpRequest`, that reports upload progress. It behaves as the browser's
 * `fetch` does where davkit relies on it: a network or CORS failure rejects with
 * `TypeError('Failed to fetch')` (so it is a `DavNetworkError` with the CORS hint), the request's
 * signal (the caller's, and ky's timeout) aborts it, redirects are followed by the browser, and
 * `credentials: 'include'` sends cookies.
 *
 * @example
 * ```ts
 * await ky(url, { method: 'PUT', body, fetch: xhrFetch((progress) => console.log(progress.percent)) });
 * ```
 */
export function xhrFetch(onProgress: (progress: Progress) => void): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body === null ? null : await request.arrayBuffer();
    const Constructor = XhrConstructor as new () => Xhr;
    return new Promise<Response>((resolve, reject) => {
      const xhr = new Constructor();
      const { signal } = request;
      const onAbort = () => xhr.abort();
      xhr.open(request.method, request.url);
      xhr.responseType = 'arraybuffer';
      xhr.withCredentials = request.credentials === 'include';
      request.headers.forEach((value, name) => {
        xhr.setRequestHeader(name, value);
      });
      xhr.upload.onprogress = (event) => {
        const total = event.lengthComputable ? event.total : 0;
        onProgress({
          percent: total === 0 ? 0 : event.loaded / total,
          totalBytes: total,
          transferredBytes: event.loaded,
        });
      };
      xhr.onload = () => {
        signal.removeEventListener('abort', onAbort);
        const status = xhr.status;
        resolve(
          new Response(NULL_BODY_STATUSES.has(status) ? null : xhr.response, {
            status,
            statusText: xhr.statusText,
            headers: responseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => {
        signal.removeEventListener('abort', onAbort);
        reject(new TypeError('Failed to fetch'));
      };
      xhr.onabort = () =>
        reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      xhr.send(body);
    });
  };
}

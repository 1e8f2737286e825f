/**
 * An in-process server that follows Nextcloud's published chunking v2 protocol (no Debian package
 * runs Nextcloud; this is a fixture, not Nextcloud):
 * https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/chunking.html
 *
 * - `MKCOL /remote.php/dav/uploads/<user>/<folder>` with `Destination` (the target file's URL);
 * - `PUT …/<folder>/<n>`: `n` a number from 1 to 10000, with `Destination` and `OC-Total-Length`;
 *   `507 Insufficient Storage` when the total does not fit the user's quota;
 * - chunks cannot be read (`GET` is 405); the folder can be listed (`PROPFIND`), as Nextcloud's
 *   clients do to resume;
 * - `MOVE …/<folder>/.file` with `Destination` and `OC-Total-Length` assembles the chunks in the order
 *   of their numbers: every chunk but the last must be 5 MiB to 5 GiB, and they must add up to
 *   `OC-Total-Length` (400 otherwise); `Overwrite: F` and a tagged `If` on the destination's ETag are
 *   honoured (412); the folder is then removed;
 * - `DELETE …/<folder>/` aborts the upload.
 *
 * Files live under `/remote.php/dav/files/<user>/` (PROPFIND Depth 0/1, GET, PUT, DELETE, MKCOL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const FILES = '/remote.php/dav/files/';
const UPLOADS = '/remote.php/dav/uploads/';
const MIN_CHUNK = 5 * 1024 * 1024;

interface Stored {
  bytes: Uint8Array;
  etag: string;
}

interface Upload {
  readonly destination: string;
  readonly chunks: Map<number, Uint8Array>;
}

/** A request as the fixture recorded it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyBytes: number;
}

function text(response: ServerResponse, status: number, body = ''): void {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function xmlEntry(href: string, size: number | undefined, etag: string | undefined): string {
  const props =
    size === undefined
      ? '<d:resourcetype><d:collection/></d:resourcetype>'
      : `<d:resourcetype/><d:getcontentlength>${size}</d:getcontentlength><d:getetag>${etag}</d:getetag>`;
  return `<d:response><d:href>${encodeURI(href)}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
}

/** The fixture: its origin, what it holds, and what it saw. */
export class NextcloudFixture {
  readonly files = new Map<string, Stored>();
  readonly folders = new Set<string>();
  readonly uploads = new Map<string, Upload>();
  readonly seen: SeenRequest[] = [];
  /** Bytes the user may still store (default: no limit). */
  quota = Number.POSITIVE_INFINITY;
  origin = '';
  #etags = 0;
  #close: () => Promise<void> = async () => undefined;

  readonly user: string;

  constructor(user = 'alice') {
    this.user = user;
    this.folders.add(`${FILES}${user}/`);
    this.folders.add(`${UPLOADS}${user}/`);
  }

  /** The WebDAV base URL of the user's files. */
  get baseUrl(): string {
    return `${this.origin}${FILES}${this.user}/`;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.#close = () => new Promise((resolve) => server.close(() => resolve()));
    return this;
  }

  close(): Promise<void> {
    return this.#close();
  }

  /** Puts a file straight into the store (a user's existing file). */
  seed(path: string, bytes: Uint8Array): Stored {
    const stored = { bytes, etag: `"nc-${++this.#etags}"` };
    this.files.set(`${FILES}${this.user}${path}`, stored);
    return stored;
  }

  file(path: string): Stored | undefined {
    return this.files.get(`${FILES}${this.user}${path}`);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    const body = new Uint8Array(Buffer.concat(chunks));
    const path = decodeURIComponent(new URL(request.url ?? '/', this.origin).pathname);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    const method = request.method ?? 'GET';
    this.seen.push({ method, path, headers, bodyBytes: body.byteLength });
    if (path.startsWith(UPLOADS)) {
      this.#upload(method, path, headers, body, response);
    } else {
      this.#files(method, path, headers, body, response);
    }
  }

  #upload(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Uint8Array,
    response: ServerResponse,
  ): void {
    const [folder = '', name = ''] = path.slice(`${UPLOADS}${this.user}/`.length).split('/');
    const key = `${UPLOADS}${this.user}/${folder}/`;
    const upload = this.uploads.get(key);
    if (method === 'MKCOL' && name === '') {
      if (upload !== undefined) {
        text(response, 405, 'The resource you tried to create already exists');
        return;
      }
      this.uploads.set(key, { destination: headers.destination ?? '', chunks: new Map() });
      text(response, 201);
      return;
    }
    if (upload === undefined) {
      text(response, 404, 'Upload folder not found');
      return;
    }
    switch (method) {
      case 'PUT':
        this.#chunk(upload, name, headers, body, response);
        return;
      case 'GET':
        text(response, 405, 'Reading intermediate uploads is not allowed');
        return;
      case 'PROPFIND':
        this.#listUpload(key, upload, response);
        return;
      case 'MOVE':
        this.#assemble(key, upload, name, headers, response);
        return;
      case 'DELETE':
        this.uploads.delete(key);
        text(response, 204);
        return;
      default:
        text(response, 405);
    }
  }

  #chunk(
    upload: Upload,
    name: string,
    headers: Record<string, string>,
    body: Uint8Array,
    response: ServerResponse,
  ): void {
    const number = /^\d+$/.test(name) ? Number(name) : -1;
    if (!(number >= 1 && number <= 10_000)) {
      text(response, 400, 'Invalid chunk name, must be numeric between 1 and 10000');
      return;
    }
    if (headers.destination === undefined || headers.destination !== upload.destination) {
      text(response, 400, 'Skipping chunked file writing as the destination header was not passed');
      return;
    }
    const total = Number(headers['oc-total-length'] ?? 0);
    if (total > this.quota) {
      text(response, 507, 'Insufficient space');
      return;
    }
    upload.chunks.set(number, body);
    text(response, 201);
  }

  #listUpload(key: string, upload: Upload, response: ServerResponse): void {
    const entries = [xmlEntry(key, undefined, undefined)];
    for (const [number, bytes] of upload.chunks) {
      entries.push(xmlEntry(`${key}${String(number).padStart(5, '0')}`, bytes.byteLength, `"c${number}"`));
    }
    const xml = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${entries.join('')}</d:multistatus>`;
    response.writeHead(207, {
      'content-type': 'application/xml; charset=utf-8',
      'content-length': Buffer.byteLength(xml),
    });
    response.end(xml);
  }

  #assemble(
    key: string,
    upload: Upload,
    name: string,
    headers: Record<string, string>,
    response: ServerResponse,
  ): void {
    const destination = headers.destination;
    if (name !== '.file' || destination === undefined || destination !== upload.destination) {
      text(response, 400, 'MOVE of .file with the upload’s Destination expected');
      return;
    }
    const numbers = [...upload.chunks.keys()].sort((a, b) => a - b);
    const parts = numbers.map((number) => upload.chunks.get(number) as Uint8Array);
    if (parts.slice(0, -1).some((part) => part.byteLength < MIN_CHUNK)) {
      text(response, 400, 'Chunks must be at least 5 MB (except the last)');
      return;
    }
    const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (size !== Number(headers['oc-total-length'])) {
      text(
        response,
        400,
        `Chunks on server do not sum up to ${headers['oc-total-length']} but to ${size} bytes`,
      );
      return;
    }
    const target = decodeURIComponent(new URL(destination).pathname);
    const existing = this.files.get(target);
    if (existing !== undefined && headers.overwrite === 'F') {
      text(response, 412, 'Destination exists');
      return;
    }
    const condition = /^<([^>]+)> \(\[(.+)\]\)$/.exec(headers.if ?? '');
    if (condition !== null && decodeURIComponent(new URL(condition[1] as string).pathname) === target) {
      if (existing?.etag !== condition[2]) {
        text(response, 412, 'An If-Match header was specified, but none of the specified ETags matched');
        return;
      }
    }
    const bytes = new Uint8Array(size);
    parts.reduce((at, part) => {
      bytes.set(part, at);
      return at + part.byteLength;
    }, 0);
    this.files.set(target, { bytes, etag: `"nc-${++this.#etags}"` });
    this.uploads.delete(key);
    text(response, existing === undefined ? 201 : 204);
  }

  #files(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Uint8Array,
    response: ServerResponse,
  ): void {
    const file = this.files.get(path);
    switch (method) {
      case 'PROPFIND':
        this.#propfind(path, headers.depth ?? '1', response);
        return;
      case 'GET':
      case 'HEAD':
        if (file === undefined) {
          text(response, 404);
          return;
        }
        response.writeHead(200, { 'content-length': file.bytes.byteLength, etag: file.etag });
        response.end(method === 'GET' ? file.bytes : undefined);
        return;
      case 'PUT':
        this.files.set(path, { bytes: body, etag: `"nc-${++this.#etags}"` });
        text(response, file === undefined ? 201 : 204);
        return;
      case 'DELETE':
        this.files.delete(path);
        text(response, file === undefined ? 404 : 204);
        return;
      case 'MKCOL':
        this.folders.add(path.endsWith('/') ? path : `${path}/`);
        text(response, 201);
        return;
      default:
        text(response, 405);
    }
  }

  #propfind(path: string, depth: string, response: ServerResponse): void {
    const file = this.files.get(path);
    const folder = path.endsWith('/') ? path : `${path}/`;
    let entries: string[];
    if (file !== undefined) {
      entries = [xmlEntry(path, file.bytes.byteLength, file.etag)];
    } else if (this.folders.has(folder)) {
      entries = [xmlEntry(folder, undefined, undefined)];
      if (depth !== '0') {
        for (const [each, stored] of this.files) {
          if (each.startsWith(folder) && !each.slice(folder.length).includes('/')) {
            entries.push(xmlEntry(each, stored.bytes.byteLength, stored.etag));
          }
        }
      }
    } else {
      text(response, 404);
      return;
    }
    const xml = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${entries.join('')}</d:multistatus>`;
    response.writeHead(207, {
      'content-type': 'application/xml; charset=utf-8',
      'content-length': Buffer.byteLength(xml),
    });
    response.end(xml);
  }
}

import { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ActiveLock,
  CallOptions,
  ClientOptions,
  CopyOptions,
  DavClient,
  DavHttpError,
  DeleteOptions,
  DiscoveredLock,
  DownloadOptions,
  Entry,
  GetOptions,
  HeadResult,
  HeldLock,
  ListOptions,
  LockOptions,
  MkcolOptions,
  MoveOptions,
  MultiStatus,
  MultiStatusError,
  OptionsResult,
  PropfindOptions,
  PropPatch,
  PutOptions,
  PutResult,
  Quota,
  RequestResult,
  StepFailure,
  TransferResult,
  UnrequestedProperty,
  UploadBody,
  Verification,
  WriteOptions,
} from '../../src/index.ts';
import { createClient } from '../../src/index.ts';
import type { Depth } from '../../src/operations/common.ts';
import type { XmlBody } from '../../src/operations/report-search.ts';
import type { BasicSearch } from '../../src/xml/bodies/search.ts';

describe('DavClient verb signatures', () => {
  it('reads', () => {
    expectTypeOf<DavClient['propfind']>().toEqualTypeOf<
      (path: string, options?: PropfindOptions & CallOptions) => Promise<MultiStatus>
    >();
    expectTypeOf<DavClient['head']>().toEqualTypeOf<
      (path: string, options?: CallOptions) => Promise<HeadResult>
    >();
    expectTypeOf<DavClient['options']>().toEqualTypeOf<
      (path?: string, options?: CallOptions) => Promise<OptionsResult>
    >();
    expectTypeOf<DavClient['report']>().toEqualTypeOf<
      (
        path: string,
        body: XmlBody,
        options?: { readonly depth?: Depth } & CallOptions,
      ) => Promise<MultiStatus>
    >();
    expectTypeOf<DavClient['search']>().toEqualTypeOf<
      (path: string, query: XmlBody | BasicSearch, options?: CallOptions) => Promise<MultiStatus>
    >();
  });

  it('downloads', () => {
    expectTypeOf<DavClient['get']>().toEqualTypeOf<
      (path: string, options?: GetOptions & CallOptions) => Promise<Response>
    >();
    expectTypeOf<DavClient['getText']>().toEqualTypeOf<
      (path: string, options?: DownloadOptions & CallOptions) => Promise<string>
    >();
    expectTypeOf<DavClient['getBytes']>().toEqualTypeOf<
      (path: string, options?: DownloadOptions & CallOptions) => Promise<Uint8Array>
    >();
  });

  it('writes', () => {
    expectTypeOf<DavClient['proppatch']>().toEqualTypeOf<
      (path: string, options: PropPatch & WriteOptions) => Promise<MultiStatus>
    >();
    expectTypeOf<DavClient['mkcol']>().toEqualTypeOf<
      (path: string, options?: MkcolOptions & WriteOptions) => Promise<Verification | undefined>
    >();
    expectTypeOf<DavClient['put']>().toEqualTypeOf<
      (path: string, body: UploadBody, options?: PutOptions & WriteOptions) => Promise<PutResult>
    >();
  });

  it('uploads Node streams and async iterables without casts (issue 16)', () => {
    const dav = {} as DavClient;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1);
    }
    expectTypeOf(dav.put('/a', Readable.from(['x']), { contentLength: 1 })).toEqualTypeOf<
      Promise<PutResult>
    >();
    expectTypeOf(dav.put('/a', chunks())).toEqualTypeOf<Promise<PutResult>>();
    expectTypeOf(dav.request('POST', '/a', { body: Readable.from(['x']) })).toEqualTypeOf<
      Promise<RequestResult>
    >();
    // @ts-expect-error: a plain object is not a body
    dav.put('/a', { a: 1 });
  });

  it('types request() by its response mode', () => {
    const dav = {} as DavClient;
    expectTypeOf(dav.request('MKCALENDAR', '/c/')).toEqualTypeOf<Promise<RequestResult>>();
    expectTypeOf(dav.request('REPORT', '/c/', { response: 'multistatus' })).toEqualTypeOf<
      Promise<MultiStatus>
    >();
    expectTypeOf(dav.request('POST', '/c/', { response: 'stream' })).toEqualTypeOf<Promise<Response>>();
    expectTypeOf(dav.request('POST', '/c/', { response: 'none' })).toEqualTypeOf<Promise<RequestResult>>();
    expectTypeOf<DavClient['delete']>().toEqualTypeOf<
      (path: string, options?: DeleteOptions & WriteOptions) => Promise<Verification | undefined>
    >();
    expectTypeOf<DavClient['copy']>().toEqualTypeOf<
      (from: string, to: string, options?: CopyOptions & WriteOptions) => Promise<TransferResult>
    >();
    expectTypeOf<DavClient['move']>().toEqualTypeOf<
      (from: string, to: string, options?: MoveOptions & WriteOptions) => Promise<TransferResult>
    >();
  });

  it('locks', () => {
    // A lock as LOCK grants it always has its token (issue 12); `timeout` is the request's, as everywhere.
    expectTypeOf<DavClient['lock']>().toEqualTypeOf<
      (path: string, options?: LockOptions & CallOptions) => Promise<ActiveLock & { readonly token: string }>
    >();
    // The same `{ lockTimeout }` as lock() (issue 11.8).
    const dav = createClient({ baseUrl: 'https://h/dav/' });
    expectTypeOf(dav.refreshLock('/a', 't', { lockTimeout: 600 })).toEqualTypeOf<
      Promise<ActiveLock & { readonly token: string }>
    >();
    expectTypeOf(
      dav.refreshLock('/a', 't', { lockTimeout: 'infinite', signal: AbortSignal.timeout(1), timeout: 5_000 }),
    ).toEqualTypeOf<Promise<ActiveLock & { readonly token: string }>>();
    // @ts-expect-error: the lock's life is seconds or 'infinite'
    dav.refreshLock('/a', 't', { lockTimeout: false });
    // @ts-expect-error: refreshLock takes no fourth argument (the older positional form is gone)
    dav.refreshLock('/a', 't', { lockTimeout: 600 }, {});
    // @ts-expect-error: nor a bare lock timeout
    dav.refreshLock('/a', 't', 600);
    expectTypeOf<DavClient['unlock']>().toEqualTypeOf<
      (path: string, token: string, options?: CallOptions) => Promise<void>
    >();
  });

  it('helpers', () => {
    expectTypeOf<DavClient['list']>().toEqualTypeOf<
      (path?: string, options?: ListOptions) => Promise<Entry[]>
    >();
    expectTypeOf<DavClient['stat']>().toEqualTypeOf<
      (path: string, options?: CallOptions) => Promise<Entry>
    >();
    expectTypeOf<DavClient['exists']>().toEqualTypeOf<
      (path: string, options?: CallOptions) => Promise<boolean>
    >();
    expectTypeOf<DavClient['mkdirp']>().toEqualTypeOf<
      (path: string, options?: WriteOptions) => Promise<void>
    >();
    expectTypeOf<DavClient['quota']>().toEqualTypeOf<
      (path?: string, options?: CallOptions) => Promise<Quota>
    >();
    expectTypeOf<DavClient['url']>().toEqualTypeOf<(path: string) => string>();
  });

  it('plain results', () => {
    expectTypeOf<Entry['type']>().toEqualTypeOf<'file' | 'directory'>();
    expectTypeOf<Entry['size']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TransferResult>().toEqualTypeOf<{
      readonly status: number;
      readonly created: boolean;
      readonly verification?: Verification;
    }>();
    expectTypeOf<Verification['kind']>().toEqualTypeOf<'landed' | 'repeated'>();
    // Nextcloud's sentinels are typed values, distinct from an absent (unreported) quota.
    expectTypeOf<Quota>().toEqualTypeOf<{
      readonly used?: number;
      readonly available?: number | 'unlimited' | 'unknown' | 'not-computed';
    }>();
    expectTypeOf<ActiveLock['token']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OptionsResult['dav']>().toEqualTypeOf<readonly string[]>();
  });
});

describe('option objects reject wrong types', () => {
  const dav = createClient({ baseUrl: 'https://h/dav/' });

  it('createClient', () => {
    expectTypeOf(createClient).parameter(0).toEqualTypeOf<ClientOptions>();
    // @ts-expect-error baseUrl is required
    createClient({});
    // @ts-expect-error auth needs a known type
    createClient({ baseUrl: 'https://h/', auth: { type: 'ntlm', username: 'a', password: 'b' } });
    // @ts-expect-error basic auth needs a password
    createClient({ baseUrl: 'https://h/', auth: { type: 'basic', username: 'a' } });
    // @ts-expect-error a bearer token is a string or a function returning one
    createClient({ baseUrl: 'https://h/', auth: { type: 'bearer', token: 42 } });
    // @ts-expect-error timeout is milliseconds or false
    createClient({ baseUrl: 'https://h/', timeout: '30s' });
    // @ts-expect-error header values are strings
    createClient({ baseUrl: 'https://h/', headers: { 'X-N': 1 } });
    createClient({ baseUrl: new URL('https://h/'), timeout: false, retry: { limit: 1 }, maxBodySize: 1024 });
    createClient({
      baseUrl: 'https://h/',
      auth: { type: 'bearer', token: async ({ refresh }) => String(refresh) },
    });
  });

  it('propfind and proppatch', () => {
    // @ts-expect-error Depth is 0, 1 or 'infinity'
    void dav.propfind('/', { depth: 2 });
    // @ts-expect-error props are Clark names or a keyword
    void dav.propfind('/', { props: 'everything' });
    // @ts-expect-error proppatch needs its patch
    void dav.proppatch('/a');
    // @ts-expect-error remove lists names
    void dav.proppatch('/a', { remove: '{urn:x}a' });
    void dav.propfind('/', { depth: 'infinity', props: { allprop: true, include: ['{urn:x}a'] } });
    void dav.proppatch('/a', {
      set: { '{urn:x}a': 1, '{urn:x}b': true },
      remove: ['{urn:x}c'],
      lockToken: 't',
    });
  });

  it('writes', () => {
    // @ts-expect-error a PUT body is text, bytes, a Blob or a stream
    void dav.put('/a', { json: true });
    // @ts-expect-error overwrite is a boolean
    void dav.put('/a', 'x', { overwrite: 'F' });
    // @ts-expect-error a COPY depth is 0 or 'infinity'
    void dav.copy('/a', '/b', { depth: 1 });
    // @ts-expect-error MOVE has no depth
    void dav.move('/a', '/b', { depth: 0 });
    // @ts-expect-error lockToken is a string
    void dav.delete('/a', { lockToken: 1 });
    void dav.put('/a', new Uint8Array(1), { contentType: 'application/octet-stream', lockTokens: false });
  });

  it('locks', () => {
    // @ts-expect-error scope is exclusive or shared
    void dav.lock('/a', { scope: 'read' });
    // @ts-expect-error a lock depth is 0 or 'infinity'
    void dav.lock('/a', { depth: 1 });
    // @ts-expect-error the timeout is seconds or 'infinite'
    void dav.refreshLock('/a', 't', 'forever');
    // @ts-expect-error unlock needs the token
    void dav.unlock('/a');
    void dav.lock('/a', { scope: 'shared', depth: 0, lockTimeout: 'infinite', owner: 'me' });
  });

  it('call options', () => {
    // @ts-expect-error signal is an AbortSignal
    void dav.head('/a', { signal: true });
    // @ts-expect-error timeout is milliseconds or false
    void dav.stat('/a', { timeout: '5s' });
    // @ts-expect-error deep is a boolean
    void dav.list('/', { deep: 'yes' });
    // @ts-expect-error maxSize is a number of bytes
    void dav.getBytes('/a', { maxSize: '1MB' });
    void dav.getText('/a', {
      range: { start: 0, end: 9 },
      maxSize: 10,
      timeout: false,
      signal: AbortSignal.abort(),
    });
  });

  it('trust at the edges: secret headers, and what errors and steps carry as data', () => {
    createClient({ baseUrl: 'https://h/', secretHeaders: ['X-Api-Key'] });
    // @ts-expect-error secretHeaders lists header names
    createClient({ baseUrl: 'https://h/', secretHeaders: 'X-Api-Key' });
    const error = {} as DavHttpError;
    expectTypeOf(error.discoveredLock).toEqualTypeOf<DiscoveredLock | undefined>();
    expectTypeOf(error.bodyTruncated).toEqualTypeOf<boolean>();
    expectTypeOf(error.request.locks).toEqualTypeOf<readonly HeldLock[] | undefined>();
    expectTypeOf(({} as MultiStatusError).unrequested).toEqualTypeOf<readonly UnrequestedProperty[]>();
    expectTypeOf(({} as StepFailure).locks).toEqualTypeOf<readonly HeldLock[] | undefined>();
  });
});

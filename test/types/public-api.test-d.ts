import { describe, expectTypeOf, it } from 'vitest';
import {
  type ActiveLock,
  type Capabilities,
  createClient,
  type DavClient,
  type DavHttpError,
  type DavResponse,
  type DownloadResult,
  decodeMultiStatus,
  type Entry,
  isDavHttpError,
  isMultiStatusError,
  type MultiStatus,
  type MultiStatusError,
  type StepRef,
  type SyncResult,
  type SyncState,
  type UploadResult,
  type UploadState,
} from '../../src/index.ts';

describe('public types', () => {
  it('createClient returns a DavClient whose verbs return plain results', () => {
    const dav = createClient({ baseUrl: 'https://host/dav/' });
    expectTypeOf(dav).toEqualTypeOf<DavClient>();
    expectTypeOf(dav.propfind('/')).toEqualTypeOf<Promise<MultiStatus>>();
    expectTypeOf(dav.list('/')).toEqualTypeOf<Promise<Entry[]>>();
    expectTypeOf(dav.lock('/a')).toEqualTypeOf<Promise<ActiveLock & { readonly token: string }>>();
    expectTypeOf(dav.exists('/a')).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(dav.probe('/')).toEqualTypeOf<Promise<Capabilities>>();
    expectTypeOf(dav.sync('/')).toEqualTypeOf<Promise<SyncResult>>();
  });

  it('probe and sync results carry the fixed names of issue 15', () => {
    const caps = {} as Capabilities;
    expectTypeOf(caps.partialUpdate).toEqualTypeOf<readonly ('content-range' | 'sabredav-patch')[]>();
    expectTypeOf(caps.ifMatchHonoured).toEqualTypeOf<boolean | 'unknown'>();
    expectTypeOf(caps.learned.depthInfinity).toEqualTypeOf<'advertised' | 'probed' | 'unknown'>();
    const delta = {} as SyncResult;
    expectTypeOf(delta.added).toEqualTypeOf<readonly Entry[]>();
    expectTypeOf(delta.removed).toEqualTypeOf<readonly string[]>();
    expectTypeOf(delta.state).toEqualTypeOf<SyncState>();
    const dav = createClient({ baseUrl: 'https://host/dav/' });
    void dav.sync('/notes/', { state: delta.state, trustCollectionEtags: true });
    // @ts-expect-error a state is plain data made by davkit, not any object
    void dav.sync('/notes/', { state: { entries: {} } });
  });

  it('uploads and downloads resolve with results whose state is plain JSON', () => {
    const dav = createClient({ baseUrl: 'https://host/dav/' });
    expectTypeOf(dav.upload('/a.bin', new Uint8Array(1))).toEqualTypeOf<Promise<UploadResult>>();
    expectTypeOf(dav.download('/a.bin', new WritableStream())).toEqualTypeOf<Promise<DownloadResult>>();
    expectTypeOf<UploadState['strategy']>().toEqualTypeOf<
      'content-range' | 'sabredav-patch' | 'nextcloud-v2' | 'single'
    >();
    expectTypeOf(dav.batch().upload('/a.bin', new Blob([]))).toEqualTypeOf<StepRef>();
    // @ts-expect-error a string is not an upload source
    void dav.upload('/a.bin', 'text');
  });

  it('DavResponse is discriminated by kind', () => {
    const ms = decodeMultiStatus('');
    const response = ms.responses[0] as DavResponse;
    if (response.kind === 'status') {
      expectTypeOf(response.status).toEqualTypeOf<number>();
      expectTypeOf(response.hrefs).toEqualTypeOf<readonly string[]>();
    } else {
      expectTypeOf(response.propstats[0]!.props['{DAV:}getcontentlength']).toEqualTypeOf<
        number | null | undefined
      >();
      expectTypeOf(response.propstats[0]!.props['{DAV:}getetag']).toEqualTypeOf<string | null | undefined>();
    }
  });

  it('guards narrow unknown errors', () => {
    const error: unknown = new Error('x');
    if (isDavHttpError(error)) {
      expectTypeOf(error).toEqualTypeOf<DavHttpError>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
    }
    if (isMultiStatusError(error)) {
      expectTypeOf(error).toEqualTypeOf<MultiStatusError>();
      expectTypeOf(error.multistatus).toEqualTypeOf<MultiStatus>();
    }
  });

  it('rejects a verb call without its required options', () => {
    const dav = createClient({ baseUrl: 'https://host/dav/' });
    // @ts-expect-error proppatch needs its patch
    void dav.proppatch('/a');
  });
});

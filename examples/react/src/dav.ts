import {
  createClient,
  type DavClient,
  type Entry,
  explain,
  type FixFunction,
  fixableAutomatically,
  isDavBatchError,
  isDavHttpError,
  isDavUnfixableError,
  type RootCause,
} from 'davkit';

/** The WebDAV root: `?dav=<url>` on the page URL, else where `npm run example:react` starts its server. */
export const DAV_URL = new URLSearchParams(window.location.search).get('dav') ?? 'http://127.0.0.1:4918/dav/';

export const dav: DavClient = createClient({ baseUrl: DAV_URL });

/**
 * What the listing asks for, by name: what a row shows, and the locks (`DAV:lockdiscovery`), which
 * SabreDAV leaves out of an allprop, `DAV:include` or not.
 */
export const LISTED_PROPS = [
  '{DAV:}resourcetype',
  '{DAV:}getcontentlength',
  '{DAV:}getlastmodified',
  '{DAV:}getetag',
  '{DAV:}lockdiscovery',
] as const;

/** Who holds a lock on the entry, if the server reported one in its listing (`DAV:lockdiscovery`). */
export function lockHolder(entry: Entry): string | undefined {
  const locks = entry.props['{DAV:}lockdiscovery'];
  return locks && locks.length > 0 ? (locks[0]?.owner ?? 'someone') : undefined;
}

/** What the UI shows of a failure: its root causes, and a way to fix them and resubmit. */
export interface Problem {
  readonly message: string;
  readonly causes: readonly RootCause[];
  readonly explanation: string;
  /** davkit's built-in fixers can resolve every cause. */
  readonly fixable: boolean;
  readonly retryAfterFix?: (fix?: FixFunction) => Promise<unknown>;
}

export function problemOf(error: unknown): Problem {
  const described = (causes: readonly RootCause[], retryAfterFix?: Problem['retryAfterFix']): Problem => ({
    message: error instanceof Error ? error.message : String(error),
    causes,
    explanation: explain(causes),
    fixable: fixableAutomatically(causes),
    ...(retryAfterFix ? { retryAfterFix } : {}),
  });
  // What `result.throwIfFailed()` threw: the batch resubmits, and a run that fails again rejects too.
  if (isDavBatchError(error)) {
    return described(error.causes, async (fix) => (await error.retryAfterFix(fix)).throwIfFailed());
  }
  // A refusal, a MultiStatusError (a 207 with failures inside) included.
  if (isDavHttpError(error)) {
    return described(error.rootCauses(), (fix) => error.retryAfterFix(fix));
  }
  return described(isDavUnfixableError(error) ? error.causes : []);
}

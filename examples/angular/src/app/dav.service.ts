import { computed, Injectable, resource, signal } from '@angular/core';
import {
  createClient,
  type Entry,
  explain,
  type FixFunction,
  fixableAutomatically,
  isDavBatchError,
  isDavHttpError,
  isDavUnfixableError,
  type RootCause,
} from 'davkit';

/** The WebDAV root: `?dav=<url>` on the page URL, else where `npm run example:angular` starts its server. */
export const DAV_URL = new URLSearchParams(window.location.search).get('dav') ?? 'http://127.0.0.1:4918/dav/';

/** A failed action as the page shows it: root causes, and a way to fix them and resubmit. */
export interface Problem {
  readonly action: string;
  readonly state: 'failed' | 'retrying' | 'fixed';
  readonly message: string;
  readonly explanation: string;
  /** davkit's built-in fixers can resolve every cause. */
  readonly fixable: boolean;
  readonly retryAfterFix?: (fix?: FixFunction) => Promise<unknown>;
  /** A fix only the user can decide on (replace an existing file). */
  readonly customFix?: { readonly label: string; readonly fix: FixFunction };
}

function problemOf(action: string, error: unknown, customFix?: Problem['customFix']): Problem {
  const problem = (causes: readonly RootCause[], retryAfterFix?: Problem['retryAfterFix']): Problem => ({
    action,
    state: 'failed',
    message: error instanceof Error ? error.message : String(error),
    explanation: explain(causes),
    fixable: fixableAutomatically(causes),
    ...(retryAfterFix ? { retryAfterFix } : {}),
    ...(customFix ? { customFix } : {}),
  });
  // What `result.throwIfFailed()` threw: the batch resubmits, and a run that fails again rejects too.
  if (isDavBatchError(error)) {
    return problem(error.causes, async (fix) => (await error.retryAfterFix(fix)).throwIfFailed());
  }
  // A refusal, a MultiStatusError (a 207 with failures inside) included.
  if (isDavHttpError(error)) {
    return problem(error.rootCauses(), (fix) => error.retryAfterFix(fix));
  }
  return problem(isDavUnfixableError(error) ? error.causes : []);
}

/**
 * What the listing asks for, by name: what a row shows, and the locks (`DAV:lockdiscovery`), which
 * SabreDAV leaves out of an allprop, `DAV:include` or not.
 */
const LISTED_PROPS = [
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

/** davkit behind signals: the listing of the current folder, the actions, and the last problem. */
@Injectable({ providedIn: 'root' })
export class DavService {
  readonly #dav = createClient({ baseUrl: DAV_URL });
  readonly baseUrl = DAV_URL;
  readonly cwd = signal('/');
  readonly problem = signal<Problem | undefined>(undefined);
  readonly busy = signal(false);
  readonly listing = resource({
    params: () => this.cwd(),
    loader: ({ params, abortSignal }): Promise<Entry[]> =>
      this.#dav.list(params, { props: LISTED_PROPS, signal: abortSignal }),
  });
  /** Folders first, then by name. */
  readonly entries = computed(() =>
    [...(this.listing.value() ?? [])].sort(
      (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
    ),
  );

  upload(file: File, folder: string): Promise<void> {
    const cwd = this.cwd();
    return this.#act('Upload', () => {
      if (folder === '') {
        return this.#dav.put(`${cwd}${file.name}`, file);
      }
      // Two steps, one batch: the PUT waits for the MKCOL (implied by its path). A batch that fails
      // is a result, not an error: throwIfFailed() makes it a DavBatchError, like any failed action.
      const batch = this.#dav.batch();
      batch.mkcol(`${cwd}${folder}/`);
      batch.put(`${cwd}${folder}/${file.name}`, file);
      return batch.run().then((result) => result.throwIfFailed());
    });
  }

  rename(entry: Entry, name: string): Promise<void> {
    const to = `${this.cwd()}${name}`;
    return this.#act(
      'Rename',
      () => this.#dav.move(entry.path, to, { overwrite: false }),
      // 412: the new name is taken. Replacing it is the user's decision, so it is a fix of our own.
      (error) =>
        isDavHttpError(error) && error.status === 412
          ? { label: `Replace ${to} and retry`, fix: () => this.#dav.delete(to) }
          : undefined,
    );
  }

  remove(entry: Entry): Promise<void> {
    return this.#act('Delete', () => this.#dav.delete(entry.path));
  }

  /** Fixes the root causes of the current problem (davkit's fixers, or `fix`) and resubmits. */
  async retryAfterFix(fix?: FixFunction): Promise<void> {
    const current = this.problem();
    if (current?.retryAfterFix === undefined) {
      return;
    }
    this.problem.set({ ...current, state: 'retrying' });
    try {
      await current.retryAfterFix(fix);
      this.problem.set({ ...current, state: 'fixed' });
    } catch (error) {
      this.problem.set(problemOf(current.action, error, current.customFix));
    } finally {
      this.listing.reload();
    }
  }

  async #act(
    action: string,
    run: () => Promise<unknown>,
    customFix?: (error: unknown) => Problem['customFix'],
  ): Promise<void> {
    this.busy.set(true);
    try {
      await run();
    } catch (error) {
      this.problem.set(problemOf(action, error, customFix?.(error)));
    } finally {
      this.busy.set(false);
      this.listing.reload();
    }
  }
}

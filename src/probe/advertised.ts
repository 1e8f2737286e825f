import type { OptionsResult } from '../model/results.ts';
import { headerTokens } from '../transport/headers.ts';

/** What the OPTIONS answer of a collection says about the server. */
export interface Advertised {
  readonly davClasses: readonly string[];
  readonly davExtensions: readonly string[];
  readonly methods: readonly string[];
  readonly acceptPatch: readonly string[];
  readonly searchGrammars: readonly string[];
  readonly search: boolean;
  /** SabreDAV's partial-update plugin announces itself (DAV token or Accept-Patch media type). */
  readonly sabrePatch: boolean;
}

/** The media type of SabreDAV's PATCH body, and the DAV token its plugin adds. */
export const SABRE_PATCH_TYPE = 'application/x-sabredav-partialupdate';
const SABRE_PATCH_TOKEN = 'sabredav-partialupdate';

/**
 * Reads the DAV compliance classes, the allowed methods, `Accept-Patch` and `DASL` from an OPTIONS
 * answer. Classes are the numeric tokens (`1`, `2`, `3`); everything else in `DAV` is an extension.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.1
 * @see https://www.rfc-editor.org/rfc/rfc5789#section-3.1 (Accept-Patch)
 * @see https://www.rfc-editor.org/rfc/rfc5323#section-3.2 (DASL)
 */
export function readAdvertised(options: OptionsResult): Advertised {
  const classes = options.dav.filter((token) => /^\d+$/.test(token));
  const extensions = options.dav.filter((token) => !/^\d+$/.test(token));
  const acceptPatch = headerTokens(options.headers['accept-patch']).map((type) => type.toLowerCase());
  const searchGrammars = headerTokens(options.headers.dasl);
  return {
    davClasses: [...new Set(classes)],
    davExtensions: [...new Set(extensions)],
    methods: options.allow,
    acceptPatch,
    searchGrammars,
    search: searchGrammars.length > 0 || options.allow.includes('SEARCH'),
    sabrePatch:
      extensions.some((token) => token.toLowerCase() === SABRE_PATCH_TOKEN) ||
      acceptPatch.some((type) => type.split(';')[0]?.trim() === SABRE_PATCH_TYPE),
  };
}

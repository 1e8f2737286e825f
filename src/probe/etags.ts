import type { PropValue } from '../model/multistatus.ts';
import type { EtagKind } from './types.ts';

/**
 * The kind of an ETag as sent: `W/"…"` is weak, anything else non-empty strong, nothing `'none'`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */
export function etagKind(value: PropValue | null | undefined): Exclude<EtagKind, 'unknown'> {
  if (typeof value !== 'string' || value.trim() === '') {
    return 'none';
  }
  return /^W\//i.test(value.trim()) ? 'weak' : 'strong';
}

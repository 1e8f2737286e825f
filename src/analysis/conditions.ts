import type { DavCondition } from '../model/multistatus.ts';

/**
 * The condition that explains a failure. SabreDAV lists its own `s:exception` and `s:message`
 * before the RFC 4918 precondition, so a `DAV:` condition wins over foreign ones.
 */
export function primaryCondition(conditions: readonly DavCondition[] | undefined): DavCondition | undefined {
  return conditions?.find((condition) => condition.name.startsWith('{DAV:}')) ?? conditions?.[0];
}

/** A human message a server put in its error body (SabreDAV's `s:message`), if any. */
export function serverMessage(conditions: readonly DavCondition[] | undefined): string | undefined {
  return conditions?.find((condition) => condition.name.endsWith('}message') && condition.text)?.text;
}

// A consumer with a lax tsconfig (no strict, no strictNullChecks) must compile against the built
// declarations: davkit's public types may not rely on the consumer's strictness.
import {
  createClient,
  decodeMultiStatus,
  type Entry,
  isMultiStatusError,
  type MultiStatus,
} from '../../dist/index.js';

const dav = createClient({ baseUrl: 'https://host/dav/' });
const listed: Promise<Entry[]> = dav.list('/');
const ms: MultiStatus = decodeMultiStatus('<d:multistatus xmlns:d="DAV:"/>');
const first = ms.responses[0];
if (first && first.kind === 'propstat') {
  const etag: string | null | undefined = first.propstats[0].props['{DAV:}getetag'];
  void etag;
}
void listed;
void isMultiStatusError;

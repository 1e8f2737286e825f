import type { LiveProps, PropValue } from '../../model/multistatus.ts';
import type { ClarkName } from '../../model/names.ts';
import type { XmlElement } from '../../model/xml-element.ts';
import type { PropContext } from './context.ts';
import { decodeLockDiscovery, decodeSupportedLock } from './locks.ts';
import { decodeResourceType } from './resourcetype.ts';
import { decodeDate, decodeInteger, decodeQuotaAvailable, decodeText, decodeTrimmedText } from './scalars.ts';

type LiveName = keyof LiveProps;
type Decoder<K extends LiveName> = (
  element: XmlElement,
  context: PropContext,
) => NonNullable<LiveProps[K]> | null;

/**
 * Typed decoders for DAV live properties. `satisfies` ties the table to {@link LiveProps}, so adding
 * a property type without its decoder (or the reverse) does not compile.
 */
const LIVE_DECODERS = {
  '{DAV:}getcontentlength': decodeInteger,
  '{DAV:}quota-available-bytes': decodeQuotaAvailable,
  '{DAV:}quota-used-bytes': decodeInteger,
  '{DAV:}getlastmodified': decodeDate,
  '{DAV:}creationdate': decodeDate,
  '{DAV:}getetag': decodeTrimmedText,
  '{DAV:}displayname': decodeText,
  '{DAV:}getcontenttype': decodeTrimmedText,
  '{DAV:}getcontentlanguage': decodeTrimmedText,
  '{DAV:}resourcetype': decodeResourceType,
  '{DAV:}lockdiscovery': decodeLockDiscovery,
  '{DAV:}supportedlock': decodeSupportedLock,
} satisfies { [K in LiveName]-?: Decoder<K> };

const DECODERS: ReadonlyMap<ClarkName, (element: XmlElement, context: PropContext) => PropValue | null> =
  new Map(Object.entries(LIVE_DECODERS));

/** The Clark names davkit decodes into typed values. */
export const TYPED_PROPERTIES: readonly ClarkName[] = Object.keys(LIVE_DECODERS);

/**
 * Decodes one property element found in a propstat.
 *
 * A property in a failed propstat (404, 403, 424...) or in a `propname` answer carries no value:
 * `null`. In a successful propstat, typed live properties get their decoder and any other property
 * keeps its element tree (an empty one included: it exists, with an empty value).
 */
export function decodeProperty(
  element: XmlElement,
  hasValue: boolean,
  context: PropContext,
): PropValue | null {
  if (!hasValue) {
    return null;
  }
  const decoder = DECODERS.get(element.name);
  if (decoder !== undefined) {
    return decoder(element, context);
  }
  return element;
}

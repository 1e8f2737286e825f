import { DavParseError } from '../errors/dav-parse-error.ts';
import { hrefToPath } from '../utils/href.ts';
import { davName } from '../xml/names.ts';
import { childNamed, trimXml, type XmlElement } from '../xml/xml-element.ts';
import { decodeConditions } from './conditions.ts';
import type { PropContext } from './props/context.ts';
import { decodeProperty } from './props/registry.ts';
import { parseStatusLine } from './status-line.ts';
import type { DavCondition, DavProps, DavResponse, PropStat, PropValue } from './types.ts';

const DAV = {
  href: davName('href'),
  status: davName('status'),
  propstat: davName('propstat'),
  prop: davName('prop'),
  error: davName('error'),
  description: davName('responsedescription'),
  location: davName('location'),
} as const;

/** What reading a response needs besides the element. */
export interface ResponseContext extends PropContext {
  readonly propname: boolean;
}

/** Optional fields shared by responses and propstats; keys are left out when absent. */
interface Extras {
  error?: readonly DavCondition[];
  description?: string;
  location?: string;
}

/**
 * Reads one `DAV:response` element into a {@link DavResponse}.
 *
 * @throws {DavParseError} for a response without an href, without a status or propstat, or with a
 *   status line that has no code.
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.24
 */
export function readResponse(element: XmlElement, context: ResponseContext): DavResponse {
  const hrefs = element.children.filter((child) => child.name === DAV.href).map((href) => trimXml(href.text));
  const [href] = hrefs;
  if (href === undefined) {
    throw new DavParseError('Malformed multistatus: a DAV:response has no DAV:href');
  }
  const extras = readExtras(element, context, true);
  const propstats = element.children.filter((child) => child.name === DAV.propstat);
  if (propstats.length > 0) {
    return {
      kind: 'propstat',
      href,
      path: hrefToPath(href, context.base),
      propstats: propstats.map((propstat) => readPropStat(propstat, context)),
      ...extras,
    };
  }
  const status = childNamed(element, DAV.status);
  if (status === undefined) {
    throw new DavParseError(
      `Malformed multistatus: the response for ${href} has neither DAV:status nor DAV:propstat`,
    );
  }
  const paths = hrefs.map((each) => hrefToPath(each, context.base));
  return {
    kind: 'status',
    href,
    path: paths[0] as string,
    hrefs,
    paths,
    ...parseStatusLine(status.text),
    ...extras,
  };
}

function readPropStat(element: XmlElement, context: ResponseContext): PropStat {
  const status = childNamed(element, DAV.status);
  if (status === undefined) {
    throw new DavParseError('Malformed multistatus: a DAV:propstat has no DAV:status');
  }
  const line = parseStatusLine(status.text);
  const hasValue = !context.propname && line.status >= 200 && line.status < 300;
  const props: Record<string, PropValue | null> = {};
  for (const prop of element.children) {
    if (prop.name === DAV.prop) {
      for (const property of prop.children) {
        props[property.name] = decodeProperty(property, hasValue, context);
      }
    }
  }
  return { ...line, props: props as DavProps, ...readExtras(element, context, false) };
}

function readExtras(element: XmlElement, context: PropContext, withLocation: boolean): Extras {
  const extras: Extras = {};
  const error = childNamed(element, DAV.error);
  if (error !== undefined) {
    extras.error = decodeConditions(error, context.base, context.anchor);
  }
  const description = childNamed(element, DAV.description);
  if (description !== undefined && trimXml(description.text) !== '') {
    extras.description = trimXml(description.text);
  }
  const location = withLocation ? childNamed(element, DAV.location) : undefined;
  const locationHref = location === undefined ? undefined : childNamed(location, DAV.href);
  const locationText = locationHref === undefined ? undefined : trimXml(locationHref.text);
  if (locationText) {
    extras.location = locationText;
  }
  return extras;
}

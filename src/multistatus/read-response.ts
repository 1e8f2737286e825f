import { DavParseError } from '../errors/dav-parse-error.ts';
import type {
  DavCondition,
  DavProps,
  DavResponse,
  PropStat,
  PropStatResponse,
  PropValue,
  StatusResponse,
} from '../model/multistatus.ts';
import { davName } from '../model/names.ts';
import { childNamed, trimXml, type XmlElement } from '../model/xml-element.ts';
import { detached } from '../utils/detach.ts';
import { hrefToPath } from '../utils/href.ts';
import { decodeConditions } from './conditions.ts';
import type { PropContext } from './props/context.ts';
import { decodeProperty } from './props/registry.ts';
import { parseStatusLine } from './status-line.ts';

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
  const hrefs: string[] = [];
  const propstats: XmlElement[] = [];
  let status: XmlElement | undefined;
  for (const child of element.children) {
    if (child.name === DAV.href) {
      hrefs.push(detached(trimXml(child.text)));
    } else if (child.name === DAV.propstat) {
      propstats.push(child);
    } else if (child.name === DAV.status) {
      status ??= child;
    }
  }
  const href = hrefs[0];
  if (href === undefined) {
    throw new DavParseError('Malformed multistatus: a DAV:response has no DAV:href');
  }
  const extras = readExtras(element, context, true);
  if (propstats.length > 0) {
    const response: PropStatResponse = {
      kind: 'propstat',
      href,
      path: hrefToPath(href, context.base),
      propstats: propstats.map((propstat) => readPropStat(propstat, context)),
    };
    return extras === undefined ? response : Object.assign(response, extras);
  }
  if (status === undefined) {
    throw new DavParseError(
      `Malformed multistatus: the response for ${href} has neither DAV:status nor DAV:propstat`,
    );
  }
  const paths = hrefs.map((each) => hrefToPath(each, context.base));
  const response: StatusResponse = {
    kind: 'status',
    href,
    path: paths[0] as string,
    hrefs,
    paths,
    ...parseStatusLine(status.text),
  };
  return extras === undefined ? response : Object.assign(response, extras);
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
  const propstat: PropStat =
    line.reason === undefined
      ? { status: line.status, props: props as DavProps }
      : { status: line.status, reason: line.reason, props: props as DavProps };
  const extras = readExtras(element, context, false);
  return extras === undefined ? propstat : Object.assign(propstat, extras);
}

function readExtras(element: XmlElement, context: PropContext, withLocation: boolean): Extras | undefined {
  let extras: Extras | undefined;
  for (const child of element.children) {
    if (child.name === DAV.error && extras?.error === undefined) {
      extras ??= {};
      extras.error = decodeConditions(child, context.base, context.anchor);
    } else if (child.name === DAV.description && extras?.description === undefined) {
      const description = detached(trimXml(child.text));
      if (description !== '') {
        extras ??= {};
        extras.description = description;
      }
    } else if (withLocation && child.name === DAV.location && extras?.location === undefined) {
      const href = childNamed(child, DAV.href);
      const location = href === undefined ? '' : detached(trimXml(href.text));
      if (location !== '') {
        extras ??= {};
        extras.location = location;
      }
    }
  }
  return extras;
}

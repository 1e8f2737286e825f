import { DavUsageError } from '../../errors/transport-errors.ts';
import { type ClarkName, davName } from '../../model/names.ts';
import type { XmlElement } from '../../model/xml-element.ts';
import { parseClark } from '../names.ts';
import { el, serializeXml } from '../serialize.ts';

/**
 * The changes of a PROPPATCH, applied by the server in this order: every `set`, then every `remove`.
 *
 * @group Client
 */
export interface PropPatch {
  /**
   * Values to set, by Clark name: text (numbers and booleans are written as text), one child
   * element, or several. Names inside element values are Clark names too, in any namespace.
   */
  readonly set?: Readonly<Record<ClarkName, string | number | boolean | XmlElement | readonly XmlElement[]>>;
  readonly remove?: readonly ClarkName[];
}

/** One value of {@link PropPatch.set}. */
export type PropInput = NonNullable<PropPatch['set']>[ClarkName];

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && typeof (value as XmlElement).name === 'string';
}

function propertyElement(name: ClarkName, value: PropInput): XmlElement {
  parseClark(name);
  if (typeof value === 'string' || typeof value === 'boolean') {
    return el(name, [], String(value));
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new DavUsageError(`the value of ${name} is ${value}, which is not a number a server can store`);
    }
    return el(name, [], String(value));
  }
  const children = Array.isArray(value) ? value : [value];
  if (!children.every(isElement)) {
    throw new DavUsageError(
      `the value of ${name} must be text, a number, a boolean, an element tree or an array of them`,
    );
  }
  return el(name, children);
}

/**
 * The body of a PROPPATCH (`DAV:propertyupdate`).
 *
 * @example
 * ```ts
 * propertyUpdateBody({ set: { '{urn:acme}state': 'final' }, remove: ['{urn:acme}draft'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.19
 */
export function propertyUpdateBody(patch: PropPatch): string {
  const instructions: XmlElement[] = [];
  const set = Object.entries(patch.set ?? {});
  if (set.length > 0) {
    instructions.push(
      el(davName('set'), [
        el(
          davName('prop'),
          set.map(([name, value]) => propertyElement(name, value)),
        ),
      ]),
    );
  }
  if (patch.remove !== undefined && patch.remove.length > 0) {
    instructions.push(
      el(davName('remove'), [
        el(
          davName('prop'),
          patch.remove.map((name) => propertyElement(name, [])),
        ),
      ]),
    );
  }
  return serializeXml(el(davName('propertyupdate'), instructions));
}

import { type ClarkName, davName } from '../../model/names.ts';
import { parseClark } from '../names.ts';
import { el, serializeXml } from '../serialize.ts';

/**
 * What a PROPFIND asks for: named properties, every property (optionally with `include`), or names.
 *
 * @group Client
 */
export type PropfindSelection =
  | readonly ClarkName[]
  | 'allprop'
  | 'propname'
  | { readonly allprop: true; readonly include: readonly ClarkName[] };

function names(props: readonly ClarkName[]) {
  return props.map((name) => {
    parseClark(name); // validates the Clark syntax early, with a clear message
    return el(name);
  });
}

/**
 * The body of a PROPFIND.
 *
 * @example
 * ```ts
 * propfindBody(['{DAV:}getetag', '{http://owncloud.org/ns}fileid']);
 * propfindBody('propname');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.20
 */
export function propfindBody(selection: PropfindSelection = 'allprop'): string {
  let children: ReturnType<typeof el>[];
  if (selection === 'allprop') {
    children = [el(davName('allprop'))];
  } else if (selection === 'propname') {
    children = [el(davName('propname'))];
  } else if ('include' in selection) {
    children = [el(davName('allprop')), el(davName('include'), names(selection.include))];
  } else {
    children = [el(davName('prop'), names(selection as readonly ClarkName[]))];
  }
  return serializeXml(el(davName('propfind'), children));
}

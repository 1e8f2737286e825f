import { DavParseError } from '../errors/dav-parse-error.ts';
import { type ClarkName, clark } from '../model/names.ts';
import type { XmlEventSink } from './events.ts';
import { XML_NS } from './names.ts';
import { namespaceOfUnbound, type UnboundPrefixUse } from './unbound-prefixes.ts';

/** Prefix → URI bindings; each level inherits from its parent through the prototype chain. */
type Bindings = Record<string, string>;

// fast-xml-parser refuses these names when they stand alone (its prototype-pollution guard); both
// event sources refuse exactly those, so that the buffered and the streaming decoder agree. A
// prefixed one (`x:constructor`) is harmless data: davkit keys properties by Clark name.
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const ROOT_BINDINGS: Bindings = Object.assign(Object.create(null) as Bindings, { xml: XML_NS, '': '' });

/** Bindings in force, and the element names already resolved under them (most names repeat). */
interface Scope {
  readonly bindings: Bindings;
  readonly names: Map<string, ClarkName>;
  /** Identifies the declarations that led here, so equal scopes share one name cache. */
  readonly signature: string;
}

/** Receives the names read with an undeclared prefix; absent: such names are refused. */
type UnboundReport = ((use: UnboundPrefixUse) => void) | undefined;

/** An element name and attributes resolved to Clark names. */
export interface ResolvedElement {
  readonly name: ClarkName;
  readonly attributes: Record<ClarkName, string>;
}

const NO_ATTRIBUTES: Record<ClarkName, string> = Object.freeze({}) as Record<ClarkName, string>;

/**
 * Resolves prefixed XML names to Clark names, following `xmlns` and `xmlns:p` declarations in scope:
 * any prefix, a default namespace, a prefix redeclared on an inner element, `xmlns=""` undeclaring
 * the default. fast-xml-parser does not resolve namespaces, so davkit does it here, once, for both
 * event sources.
 *
 * A prefix used without a declaration (issue 17: servers people run every day send `<DAV:getetag/>`
 * with no `xmlns:DAV`) is read in its conventional namespace, or in `urn:davkit:unbound:<prefix>`,
 * and reported to the sink's `unboundPrefix`; a sink without one (`strict: true`) gets a
 * `DavParseError` instead. Both event sources pass their sink here, so both recover identically.
 *
 * @see https://www.w3.org/TR/xml-names/#scoping-defaulting
 */
export class NamespaceScope {
  private readonly stack: Scope[] = [{ bindings: ROOT_BINDINGS, names: new Map(), signature: '' }];
  // Apache declares the same prefixes again on every <D:response>: scopes reached by the same
  // declarations share their cache of resolved names instead of resolving each name 10,000 times.
  private readonly caches = new Map<string, Map<string, ClarkName>>();
  private readonly report: UnboundReport;

  /** `sink`: where names with undeclared prefixes are reported (refused when it takes none). */
  constructor(sink?: Pick<XmlEventSink, 'unboundPrefix'>) {
    this.report = sink?.unboundPrefix;
  }

  /**
   * Enters an element: applies its declarations and resolves its name and attributes.
   * `rawAttributes` holds raw qualified names and values already normalised and decoded by the source.
   */
  enter(qname: string, rawAttributes: Record<string, string> | undefined): ResolvedElement {
    const parent = this.stack[this.stack.length - 1] as Scope;
    let scope = parent;
    let hasOthers = false;
    let declared: Bindings | undefined;
    let signature = '';
    if (rawAttributes !== undefined) {
      for (const key in rawAttributes) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          declared ??= Object.create(parent.bindings) as Bindings;
          const prefix = key === 'xmlns' ? '' : key.slice(6);
          declared[prefix] = rawAttributes[key] as string;
          signature += `\u0000${prefix}\u0001${rawAttributes[key]}`;
        } else {
          hasOthers = true;
        }
      }
    }
    if (declared !== undefined) {
      const key = `${parent.signature}\u0002${signature}`;
      let names = this.caches.get(key);
      if (names === undefined) {
        names = new Map();
        this.caches.set(key, names);
      }
      scope = { bindings: declared, names, signature: key };
    }
    this.stack.push(scope);
    let name = scope.names.get(qname);
    if (name === undefined) {
      name = this.resolve(qname, scope.bindings, qname);
      // A recovered name is not cached: each use is counted, and recovery stays on the rare path.
      if (!isUnbound(qname, scope.bindings)) {
        scope.names.set(qname, name);
      }
    }
    const bindings = scope.bindings;
    if (!hasOthers || rawAttributes === undefined) {
      return { name, attributes: NO_ATTRIBUTES };
    }
    const attributes: Record<ClarkName, string> = {};
    for (const key in rawAttributes) {
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) {
        attributes[this.resolve(key, bindings, qname, true)] = rawAttributes[key] as string;
      }
    }
    return { name, attributes };
  }

  /** A qualified name as a Clark name; `element` is the element it is (or whose attribute it is). */
  private resolve(qname: string, bindings: Bindings, element: string, isAttribute = false): ClarkName {
    const colon = qname.indexOf(':');
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    if (RESERVED_NAMES.has(qname)) {
      throw new DavParseError(`Malformed XML: the name "${qname}" is reserved`);
    }
    if (colon === -1) {
      // Unprefixed attributes are in no namespace; unprefixed elements take the default namespace.
      return isAttribute ? qname : clark(bindings[''] ?? '', qname);
    }
    const prefix = qname.slice(0, colon);
    const uri = bindings[prefix];
    if (prefix === '' || local === '' || local.includes(':') || uri === '' || prefix === 'xmlns') {
      throw new DavParseError(`Malformed XML: <${qname}> is not a valid qualified name here`);
    }
    if (uri !== undefined) {
      return clark(uri, local);
    }
    if (this.report === undefined) {
      throw new DavParseError(`Malformed XML: the prefix "${prefix}" of <${qname}> is not declared`);
    }
    const namespace = namespaceOfUnbound(prefix);
    this.report(
      isAttribute ? { prefix, namespace, element, attribute: qname } : { prefix, namespace, element },
    );
    return clark(namespace, local);
  }

  /** Leaves the innermost element. */
  leave(): void {
    this.stack.pop();
  }
}

/** Whether a prefixed name's prefix has no binding in scope. */
function isUnbound(qname: string, bindings: Bindings): boolean {
  const colon = qname.indexOf(':');
  return colon !== -1 && bindings[qname.slice(0, colon)] === undefined;
}

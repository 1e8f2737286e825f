/**
 * A fast-check model of multistatus documents and a renderer that writes each model in many
 * equivalent XML spellings: random prefixes, DAV: as a default namespace, namespaces declared on the
 * root or inline, prefixes redeclared on inner elements, `xmlns=""`, escaped and numerically
 * referenced characters, CDATA, `D:status` before `D:prop`, indentation, comments and PIs, and
 * properties whose prefix is never declared (issue 17: read in the prefix's conventional namespace
 * or in `urn:davkit:unbound:<prefix>`, with warnings). `expectedDecode` says, from the model alone,
 * what `decodeMultiStatus` must give.
 */
import fc from 'fast-check';
import type { DecodeWarning } from '../../src/model/decode-warning.ts';
import type { DavResponse, MultiStatus, PropStat } from '../../src/model/multistatus.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { TYPED_PROPERTIES } from '../../src/multistatus/props/registry.ts';
import { namespaceOfUnbound, UnboundPrefixLog } from '../../src/xml/unbound-prefixes.ts';

/** How a property element names its namespace (`unbound`: with a prefix nobody declares). */
type Spelling = 'root-prefix' | 'inline-prefix' | 'inline-default' | 'dav-prefix-redeclared' | 'unbound';

/**
 * Prefixes the `unbound` spelling uses: conventional ones and unknown ones. Never `D`/`d`, which the
 * generator often declares for DAV:; a model whose declared prefixes meet one of these is dropped.
 */
const UNBOUND_PREFIXES = ['DAV', 'oc', 'nc', 's', 'cal', 'card', 'cs', 'x1', 'unb'] as const;

export interface PropModel {
  readonly ns: string; // '' = no namespace
  readonly local: string;
  readonly spelling: Spelling;
  readonly prefix: string;
  readonly text: string;
  readonly attribute?: { readonly name: string; readonly value: string };
  readonly child?: { readonly ns: string; readonly local: string; readonly text: string };
}

export interface PropStatModel {
  readonly status: number;
  readonly reason: string;
  readonly statusFirst: boolean;
  readonly props: readonly PropModel[];
}

export type ResponseModel =
  | {
      readonly kind: 'propstat';
      readonly segments: readonly string[];
      readonly propstats: readonly PropStatModel[];
    }
  | {
      readonly kind: 'status';
      readonly paths: readonly (readonly string[])[];
      readonly status: number;
      readonly reason: string;
    };

export interface DocumentModel {
  /** `''`: DAV: is the default namespace (Radicale); otherwise its prefix. */
  readonly davPrefix: string;
  readonly rootPrefixes: readonly string[];
  readonly description: string;
  readonly responses: readonly ResponseModel[];
  /** Seeds for the cosmetic choices (CDATA, references, whitespace, comments). */
  readonly noise: readonly number[];
}

// Prefixes and names that trip naive code: prototype members, lookalikes of real server prefixes.
const NAME = fc.oneof(
  fc.constantFrom(
    'D',
    'd',
    'lp1',
    'ns0',
    'g0',
    'x2',
    'a',
    'toString',
    'constructor',
    'valueOf',
    'hasOwnProperty',
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/).filter((name) => !/^xml/i.test(name)),
);
const LOCAL = NAME.filter((name) => name !== 'constructor' && !TYPED_PROPERTIES.includes(`{DAV:}${name}`));
const NAMESPACE = fc.constantFrom(
  'urn:example:davkit',
  'http://owncloud.org/ns',
  'http://apache.org/dav/props/',
  'urn:a&b',
  'http://x/"q"<',
  'DAV:',
  'urn:ietf:params:xml:ns:caldav',
);
// Printable text without whitespace, XML's or Unicode's (the decoder trims text runs with JS trim():
// whitespace fidelity has its own tests in quirks.test.ts), rich in characters that need escaping.
const TEXT = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", ']', ']]>', 'é', '€', '😀', '&amp;'),
    fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCodePoint(code)),
    fc
      .integer({ min: 0xa1, max: 0xd7ff })
      .map((code) => String.fromCodePoint(code))
      .filter((c) => !/\s/.test(c)),
  ),
  maxLength: 12,
});
const SEGMENT = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
  .filter((s) => s !== '.' && s !== '..' && !/[\uFFFE\uFFFF]/.test(s));
const STATUS = fc.constantFrom(
  [200, 'OK'],
  [200, ''],
  [201, 'Created'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
  [409, '(status)'],
  [423, ''],
  [424, 'Failed Dependency'],
  [507, 'Insufficient Storage'],
) as fc.Arbitrary<[number, string]>;

const prop: fc.Arbitrary<PropModel> = fc
  .record({
    ns: fc.oneof({ weight: 5, arbitrary: NAMESPACE }, { weight: 1, arbitrary: fc.constant('') }),
    local: LOCAL,
    spelling: fc.constantFrom<Spelling>(
      'root-prefix',
      'inline-prefix',
      'inline-default',
      'dav-prefix-redeclared',
      'unbound',
    ),
    prefix: NAME,
    unboundPrefix: fc.constantFrom(...UNBOUND_PREFIXES),
    text: TEXT,
    attribute: fc.option(fc.record({ name: LOCAL, value: TEXT }), { nil: undefined }),
    child: fc.option(fc.record({ ns: NAMESPACE, local: LOCAL, text: TEXT }), { nil: undefined }),
  })
  .map(({ attribute, child, unboundPrefix, ...rest }) => ({
    ...rest,
    // An undeclared prefix fixes the namespace: the model says what davkit must read it as.
    ...(rest.spelling === 'unbound' ? { prefix: unboundPrefix, ns: namespaceOfUnbound(unboundPrefix) } : {}),
    ...(attribute === undefined ? {} : { attribute }),
    ...(child === undefined ? {} : { child }),
  }));

const propstat: fc.Arbitrary<PropStatModel> = fc
  .record({
    line: STATUS,
    statusFirst: fc.boolean(),
    props: fc.uniqueArray(prop, { maxLength: 4, selector: (p) => clarkOf(p.ns, p.local) }),
  })
  .map(({ line: [status, reason], statusFirst, props }) => ({ status, reason, statusFirst, props }));

const response: fc.Arbitrary<ResponseModel> = fc.oneof(
  fc.record({
    kind: fc.constant('propstat' as const),
    segments: fc.array(SEGMENT, { minLength: 1, maxLength: 3 }),
    propstats: fc.array(propstat, { minLength: 1, maxLength: 3 }),
  }),
  fc
    .record({
      kind: fc.constant('status' as const),
      paths: fc.array(fc.array(SEGMENT, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
      line: STATUS,
    })
    .map(({ line: [status, reason], ...rest }) => ({ ...rest, status, reason })),
);

/** The prefixes a model's `unbound` properties use. */
function unboundPrefixesOf(model: Pick<DocumentModel, 'responses'>): Set<string> {
  const prefixes = new Set<string>();
  for (const r of model.responses) {
    for (const ps of r.kind === 'propstat' ? r.propstats : []) {
      for (const p of ps.props) {
        if (p.spelling === 'unbound') {
          prefixes.add(p.prefix);
        }
      }
    }
  }
  return prefixes;
}

export const documentModel: fc.Arbitrary<DocumentModel> = fc
  .record({
    davPrefix: fc.oneof(fc.constant(''), NAME),
    rootPrefixes: fc.array(NAME, { maxLength: 3 }),
    description: TEXT,
    responses: fc.array(response, { maxLength: 4 }),
    noise: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  // An undeclared prefix must stay undeclared: the root declares the DAV: prefix and root prefixes.
  .filter((model) => {
    const unbound = unboundPrefixesOf(model);
    return !unbound.has(model.davPrefix) && !model.rootPrefixes.some((prefix) => unbound.has(prefix));
  });

function clarkOf(ns: string, local: string): string {
  return ns === '' ? local : `{${ns}}${local}`;
}

/** What `decodeMultiStatus` must give for a model, whatever spelling the renderer chose. */
export function expectedDecode(model: DocumentModel): MultiStatus {
  const responses = model.responses.map((r): DavResponse => {
    if (r.kind === 'status') {
      const hrefs = r.paths.map(encodedPath);
      const paths = r.paths.map((segments) => `/dav/${segments.join('/')}`);
      return {
        kind: 'status',
        href: hrefs[0] as string,
        path: paths[0] as string,
        hrefs,
        paths,
        status: r.status,
        ...(r.reason === '' ? {} : { reason: r.reason }),
      };
    }
    return {
      kind: 'propstat',
      href: encodedPath(r.segments),
      path: `/dav/${r.segments.join('/')}`,
      propstats: r.propstats.map(expectedPropStat),
    };
  });
  const warnings = expectedWarnings(model);
  return {
    kind: 'multistatus',
    responses,
    ...(model.description === '' ? {} : { description: model.description }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/**
 * The warnings for the model's undeclared prefixes: one use per `unbound` property, in document
 * order, placed in its response. Counting and wording are the log's (tested on their own in
 * test/xml/unbound-prefixes.test.ts); which uses happen, and where, comes from the model.
 */
function expectedWarnings(model: DocumentModel): DecodeWarning[] {
  const log = new UnboundPrefixLog();
  for (const r of model.responses) {
    for (const ps of r.kind === 'propstat' ? r.propstats : []) {
      for (const p of ps.props.filter((each) => each.spelling === 'unbound')) {
        const first = log.note({ prefix: p.prefix, namespace: p.ns, element: `${p.prefix}:${p.local}` });
        if (first !== undefined && r.kind === 'propstat') {
          first.href = encodedPath(r.segments);
        }
      }
    }
  }
  return log.warnings();
}

function expectedPropStat(ps: PropStatModel): PropStat {
  const hasValue = ps.status >= 200 && ps.status < 300;
  const props = Object.fromEntries(
    ps.props.map((p) => [clarkOf(p.ns, p.local), hasValue ? elementOf(p) : null]),
  );
  return { status: ps.status, ...(ps.reason === '' ? {} : { reason: ps.reason }), props };
}

function elementOf(p: PropModel): XmlElement {
  const children =
    p.child === undefined
      ? []
      : [{ name: clarkOf(p.child.ns, p.child.local), attributes: {}, children: [], text: p.child.text }];
  const attributes = p.attribute === undefined ? {} : { [p.attribute.name]: p.attribute.value };
  return { name: clarkOf(p.ns, p.local), attributes, children, text: p.text };
}

function encodedPath(segments: readonly string[]): string {
  return `/dav/${segments.map(encodeURIComponent).join('/')}`;
}

/** Deterministic cosmetic choices drawn from the model's noise seeds. */
class Dice {
  private i = 0;
  private readonly seeds: readonly number[];
  constructor(seeds: readonly number[]) {
    this.seeds = seeds;
  }
  roll(n: number): number {
    this.i++;
    const seed = this.seeds[this.i % this.seeds.length] ?? 0;
    return Math.abs((seed + this.i * 2_654_435_761) % 1_000_003) % n;
  }
}

function escapeText(text: string, dice: Dice, cdata = true): string {
  if (cdata && text !== '' && !text.includes(']]>') && dice.roll(4) === 0) {
    return `<![CDATA[${text}]]>`;
  }
  return [...text]
    .map((c) => {
      if (c === '&' || c === '<' || c === '>') {
        return ['&amp;', '&lt;', '&gt;'][['&', '<', '>'].indexOf(c)];
      }
      const code = c.codePointAt(0) ?? 0;
      const style = dice.roll(6);
      return style === 0 ? `&#${code};` : style === 1 ? `&#x${code.toString(16)};` : c;
    })
    .join('');
}

function escapeAttr(value: string, quote: '"' | "'"): string {
  return value.replace(/[&<"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === quote ? (c === '"' ? '&quot;' : '&apos;') : c,
  );
}

function attr(name: string, value: string, dice: Dice): string {
  const quote = dice.roll(2) === 0 ? '"' : "'";
  return ` ${name}=${quote}${escapeAttr(value, quote)}${quote}`;
}

/** Indentation, a comment or a processing instruction between structural elements, or nothing. */
function gap(dice: Dice): string {
  return ['', '', '\n', '\n  ', '<!-- gap -->', '<?davkit gap?>', ' \t\r\n'][dice.roll(7)] ?? '';
}

/** Renders a model as XML; `expectedDecode(model)` is what decoding it must give. */
export function render(model: DocumentModel): string {
  const dice = new Dice(model.noise);
  const dav = model.davPrefix;
  const q = (local: string) => (dav === '' ? local : `${dav}:${local}`);
  // Namespaces of root-prefix properties get a root prefix each (never the DAV: prefix).
  const rootNs = new Map<string, string>();
  for (const r of model.responses) {
    for (const ps of r.kind === 'propstat' ? r.propstats : []) {
      for (const p of ps.props) {
        if (p.spelling === 'root-prefix' && p.ns !== '' && p.ns !== 'DAV:' && !rootNs.has(p.ns)) {
          const wanted = model.rootPrefixes[rootNs.size];
          const taken = wanted === undefined || wanted === dav || [...rootNs.values()].includes(wanted);
          rootNs.set(p.ns, taken ? `n${rootNs.size}x` : wanted);
        }
      }
    }
  }
  const declarations =
    attr(dav === '' ? 'xmlns' : `xmlns:${dav}`, 'DAV:', dice) +
    [...rootNs].map(([ns, prefix]) => attr(`xmlns:${prefix}`, ns, dice)).join('');

  const element = (p: PropModel): string => {
    let prefix: string;
    let declaration = '';
    if (p.ns === '') {
      prefix = '';
      declaration = dav === '' || p.spelling === 'inline-default' ? attr('xmlns', '', dice) : '';
    } else if (p.spelling === 'root-prefix') {
      prefix = p.ns === 'DAV:' ? dav : (rootNs.get(p.ns) as string);
    } else if (p.spelling === 'inline-default') {
      prefix = '';
      declaration = attr('xmlns', p.ns, dice);
    } else if (p.spelling === 'unbound') {
      prefix = p.prefix;
    } else {
      prefix = p.spelling === 'dav-prefix-redeclared' && dav !== '' ? dav : p.prefix;
      declaration = attr(`xmlns:${prefix}`, p.ns, dice);
    }
    const tag = prefix === '' ? p.local : `${prefix}:${p.local}`;
    const attribute = p.attribute === undefined ? '' : attr(p.attribute.name, p.attribute.value, dice);
    // The child redeclares the parent's prefix (or a default namespace) for its own namespace.
    const child =
      p.child === undefined
        ? ''
        : `<${p.prefix}:${p.child.local}${attr(`xmlns:${p.prefix}`, p.child.ns, dice)}>` +
          `${escapeText(p.child.text, dice)}</${p.prefix}:${p.child.local}>`;
    return `<${tag}${declaration}${attribute}>${escapeText(p.text, dice)}${child}</${tag}>`;
  };

  const status = (code: number, reason: string) =>
    `<${q('status')}>HTTP/1.1 ${code} ${escapeText(reason, dice, false)}</${q('status')}>`;
  const href = (segments: readonly string[]) => `<${q('href')}>${encodedPath(segments)}</${q('href')}>`;
  const propstat = (ps: PropStatModel) => {
    const prop = `<${q('prop')}>${ps.props.map((p) => gap(dice) + element(p)).join('')}</${q('prop')}>`;
    const line = status(ps.status, ps.reason);
    const inner = ps.statusFirst ? line + gap(dice) + prop : prop + gap(dice) + line;
    return `<${q('propstat')}>${gap(dice)}${inner}${gap(dice)}</${q('propstat')}>`;
  };
  const response = (r: ResponseModel) => {
    const inner =
      r.kind === 'status'
        ? r.paths.map((segments) => href(segments) + gap(dice)).join('') + status(r.status, r.reason)
        : href(r.segments) + r.propstats.map((ps) => gap(dice) + propstat(ps)).join('');
    return `<${q('response')}>${gap(dice)}${inner}${gap(dice)}</${q('response')}>`;
  };
  const description =
    model.description === ''
      ? ''
      : `<${q('responsedescription')}>${escapeText(model.description, dice)}</${q('responsedescription')}>`;
  const body = model.responses.map((r) => gap(dice) + response(r)).join('') + gap(dice) + description;
  const prolog = ['', '<?xml version="1.0" encoding="utf-8"?>\n', "<?xml version='1.0'?>", '\uFEFF'][
    dice.roll(4)
  ];
  return `${prolog}<${q('multistatus')}${declarations}>${body}${gap(dice)}</${q('multistatus')}>`;
}

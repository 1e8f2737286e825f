import { DavParseError } from '../errors/dav-parse-error.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { TreeBuilder } from './tree-builder.ts';
import { UnboundPrefixLog } from './unbound-prefixes.ts';

/** A parsed small body (a LOCK answer, a `DAV:error`) and what was recovered while reading it. */
export interface XmlDocument {
  readonly root: XmlElement;
  readonly warnings: readonly DecodeWarning[];
}

/**
 * A tree builder that recovers, and counts, undeclared prefixes unless `strict`, for either event
 * source (the buffered parser, or davkit's incremental reader: this file imports neither).
 */
export function recoveringTreeBuilder(strict: boolean): { builder: TreeBuilder; log: UnboundPrefixLog } {
  const log = new UnboundPrefixLog();
  const builder = new TreeBuilder(strict ? undefined : (use) => log.note(use));
  return { builder, log };
}

/** The finished tree and its warnings; a body without a root element is refused. */
export function finishDocument(builder: TreeBuilder, log: UnboundPrefixLog): XmlDocument {
  const root = builder.take();
  if (root === undefined) {
    throw new DavParseError('Malformed XML: no root element');
  }
  return { root, warnings: log.empty ? [] : log.warnings() };
}

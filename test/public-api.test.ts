/**
 * The front door (issue 12.5): every name `davkit` and `davkit/stream` export, listed here, so adding
 * or removing one is a visible decision. Type-only exports are marked `type`. Names that left the
 * front door in the renovation must stay out, and CHANGELOG.md must say what replaces each one.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const INDEX = [
  'type ActiveLock',
  'type AuthOptions',
  'type BasicSearch',
  'Batch',
  'type BatchHooks',
  'type BatchOptions',
  'BatchResult',
  'type BatchResultData',
  'type BodyLimitName',
  'type CallOptions',
  'clark',
  'type ClarkName',
  'type ClientOptions',
  'type CompensateFunction',
  'type Compensation',
  'type CopyOptions',
  'createClient',
  'DAV_METHODS',
  'DAV_NS',
  'DavAbortError',
  'DavBatchError',
  'type DavBatchErrorData',
  'DavBodyTooLargeError',
  'DavClient',
  'type DavCondition',
  'DavError',
  'type DavErrorData',
  'DavHttpError',
  'type DavHttpErrorData',
  'type DavMethod',
  'davName',
  'DavNetworkError',
  'DavParseError',
  'type DavProps',
  'type DavRequestInfo',
  'type DavResponse',
  'DavStatus',
  'type DavStatusCode',
  'DavTimeoutError',
  'DavUnfixableError',
  'type DavUnfixableErrorData',
  'DavUsageError',
  'decodeMultiStatus',
  'type DecodeMultiStatusOptions',
  'type DecodeWarning',
  'type DeleteOptions',
  'type Dependent',
  'type Depth',
  'type DiscoveredLock',
  'type DownloadOptions',
  'el',
  'type Entry',
  'type Exchange',
  'explain',
  'type Explainable',
  'type FailureDescriptor',
  'type Fix',
  'fixableAutomatically',
  'type FixClient',
  'type FixContext',
  'fixers',
  'type FixFunction',
  'type FixKind',
  'type GetOptions',
  'type GrantedLock',
  'type HeadResult',
  'type HeldLock',
  'type Hooks',
  'isDavAbortError',
  'isDavBatchError',
  'isDavBodyTooLargeError',
  'isDavError',
  'isDavHttpError',
  'isDavNetworkError',
  'isDavParseError',
  'isDavTimeoutError',
  'isDavUnfixableError',
  'isDavUsageError',
  'isMultiStatusError',
  'type ListOptions',
  'type LiveProps',
  'type LockEntry',
  'lockKnowledge',
  'type LockKnowledge',
  'type LockOptions',
  'LockStore',
  'type LockTimeout',
  'type MoveOptions',
  'type MultiStatus',
  'MultiStatusError',
  'type Operation',
  'operations',
  'type OptionsResult',
  'type ParsePosition',
  'type Performed',
  'type PlannedStep',
  'type Progress',
  'type PropfindOptions',
  'type PropfindSelection',
  'type PropPatch',
  'type PropStat',
  'type PropStatResponse',
  'type PropValue',
  'type PutOptions',
  'type PutResult',
  'type Quota',
  'type QuotaSentinel',
  'type RawResponse',
  'type RefreshLockOptions',
  'type RequestBody',
  'type RequestContext',
  'type RequestErrorData',
  'type RequestSpec',
  'type ResourceType',
  'type ResubmitOptions',
  'retryAfterFix',
  'type RetryAfterFixOptions',
  'type RetryPolicy',
  'type RootCause',
  'type RootCauseOptions',
  'rootCauses',
  'type RunBatchOptions',
  'type RunOptions',
  'type ServerQuirk',
  'ServerQuirks',
  'type Session',
  'type StatusResponse',
  'type StepCancelled',
  'type StepFailedDependency',
  'type StepFailure',
  'type StepOptions',
  'type StepRef',
  'type StepResult',
  'type StepSuccess',
  'type StepValue',
  'type SyncCollection',
  'syncCollectionBody',
  'type TransferResult',
  'type UnrequestedProperty',
  'type WriteOptions',
  'type XmlBody',
  'type XmlElement',
  'type XmlLimits',
];

const STREAM = [
  'decodeMultiStatusStream',
  'type MultiStatusStream',
  'type StreamBody',
  'type StreamDecodeOptions',
  'streamPropfind',
  'type StreamPropfindOptions',
];

/** What the front door exported before the renovation (54bb5fe) and no longer does. */
const REMOVED = [
  'Adaptation',
  'AdaptationSettings',
  'AnswerReader',
  'BasicAuth',
  'BearerAuth',
  'BodyLimits',
  'CONVENTIONAL_NAMESPACES',
  'CompensableStepOptions',
  'DavBatchErrorOptions',
  'DavBodyTooLargeErrorOptions',
  'DavErrorOptions',
  'DavHttpErrorOptions',
  'DavParseErrorOptions',
  'DavUnfixableErrorOptions',
  'DecodeOptions',
  'DigestAuth',
  'DownloadLimits',
  'Fixer',
  'IfCondition',
  'IncrementalReader',
  'LearnedQuirk',
  'LockCallOptions',
  'LockInfo',
  'LockQuery',
  'LockScope',
  'LockTimeoutOption',
  'MultiStatusErrorOptions',
  'ProgressOptions',
  'PropInput',
  'QualifiedName',
  'RequestInfo',
  'ResponseMode',
  'RunState',
  'SAFE_METHODS',
  'SERVER_QUIRKS',
  'StatusLine',
  'StepPaths',
  'TYPED_PROPERTIES',
  'TaggedIfList',
  'TokenSource',
  'TransportErrorOptions',
  'UnboundPrefixOverflow',
  'UnboundPrefixWarning',
  'WRITE_METHODS',
  'WriteCallOptions',
  'WriteStep',
  'XmlTreeOptions',
  'basicSearchBody',
  'buildCopy',
  'buildDelete',
  'buildGet',
  'buildHead',
  'buildIfHeader',
  'buildLock',
  'buildMkcol',
  'buildMove',
  'buildOptions',
  'buildPropfind',
  'buildProppatch',
  'buildPut',
  'buildRefreshLock',
  'buildReport',
  'buildSearch',
  'buildUnlock',
  'codedUrl',
  'impliedPrerequisites',
  'isMultiStatusBody',
  'isSuccessStatus',
  'lockInfoBody',
  'parseClark',
  'parseLockTokenHeader',
  'parseRetryAfter',
  'parseStatusLine',
  'parseXmlTree',
  'propertyUpdateBody',
  'propfindBody',
  'readDelete',
  'readHead',
  'readLock',
  'readMkcol',
  'readOptions',
  'readPropfind',
  'readProppatch',
  'readPut',
  'readReport',
  'readTransfer',
  'readUnlock',
  'serializeXml',
  'toEntry',
];

/** Every export of an entry, as the type checker sees it: `name`, or `type name` when it has no value. */
function exportsOf(entry: string): string[] {
  const program = ts.createProgram([entry], {
    allowImportingTsExtensions: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(
    program.getSourceFile(entry) as ts.SourceFile,
  ) as ts.Symbol;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return symbol.flags & ts.SymbolFlags.Value ? exported.name : `type ${exported.name}`;
  });
}

const sorted = (names: readonly string[]): string[] => [...names].sort();
const values = (names: readonly string[]): string[] =>
  sorted(names.filter((name) => !name.startsWith('type ')));

describe('the public API', () => {
  const index = exportsOf('src/index.ts');

  it('davkit exports exactly the 143 listed names (43 values, 100 types)', () => {
    expect(sorted(index)).toEqual(sorted(INDEX));
    expect(index).toHaveLength(143);
    expect(values(index)).toHaveLength(43);
  });

  it('davkit/stream exports exactly the 6 listed names', () => {
    expect(sorted(exportsOf('src/stream/index.ts'))).toEqual(sorted(STREAM));
  });

  it('the values exist at run time, and nothing else does', async () => {
    expect(sorted(Object.keys(await import('../src/index.ts')))).toEqual(values(INDEX));
    expect(sorted(Object.keys(await import('../src/stream/index.ts')))).toEqual(values(STREAM));
  });

  it('names removed by the renovation stay out, and CHANGELOG.md says what replaces each', () => {
    const exported = new Set(index.map((name) => name.replace(/^type /, '')));
    expect(REMOVED.filter((name) => exported.has(name))).toEqual([]);
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(REMOVED.filter((name) => !changelog.includes(`\`${name}\``))).toEqual([]);
  });
});

/**
 * One capture session against one running server: fresh collections, seeded files, raw requests,
 * and the saving of normalised bodies as `test/fixtures/multistatus/<server>-<case>.xml`.
 */
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freshCollection, seedFile } from '../../test/harness/disk.ts';
import type { ServerInfo } from '../../test/harness/servers/types.ts';
import { type Answer, send } from './http.ts';
import { CANONICAL, FIXED_TIME, Normaliser } from './normalise.ts';

/** What the manifest (`captures.json`) records of each fixture: the request and the answer's head. */
export interface CaptureRecord {
  readonly method: string;
  /** The request URL's path, normalised. */
  readonly path: string;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  /** The `Lock-Token` header of a LOCK answer, normalised (angle brackets as the server sent them). */
  readonly lockToken?: string;
}

/** A collection created for one scenario: its URL, its path below the DAV root, its directory. */
export interface Collection {
  readonly url: string;
  readonly rel: string;
  readonly dir: string;
}

export class Session {
  readonly info: ServerInfo;
  readonly records: Record<string, CaptureRecord> = {};
  readonly problems: string[] = [];
  private readonly normaliser = new Normaliser();
  private readonly outDir: string;
  /** Every directory and file created, whose mtime is pinned before each captured request. */
  private readonly pinned: string[] = [];

  constructor(info: ServerInfo, outDir: string) {
    this.info = info;
    this.outDir = outDir;
    this.normaliser.fixOrigin(info.origin);
  }

  /** A fresh collection `<label>-<random>/`, normalised to `<label>/` in every capture. */
  async collection(label: string): Promise<Collection> {
    const col = await freshCollection(this.info, label);
    const rel = col.path.slice('/dav/'.length);
    this.normaliser.fixName(rel.slice(0, -1), label);
    this.pinned.push(col.dir);
    return { url: col.url, rel, dir: col.dir };
  }

  /** Writes a file on disk, below the DAV root. */
  async seed(col: Collection, name: string, content = 'fixture\n'): Promise<void> {
    const file = await seedFile(this.info, `${col.rel}${name}`, content);
    this.pinned.push(file.dir);
  }

  /** Creates a subcollection with MKCOL (through the server, as a client would). */
  async mkcol(col: Collection, name: string): Promise<void> {
    const answer = await send('MKCOL', `${col.url}${name}/`);
    if (answer.status !== 201) {
      throw new Error(`${this.info.name}: MKCOL ${name} → ${answer.status}`);
    }
    this.pinned.push(join(col.dir, name));
  }

  /** LOCK and return the token (or fail the run). */
  async lock(url: string, depth: '0' | 'infinity', lockinfo: string): Promise<string> {
    const answer = await send('LOCK', url, { Depth: depth, Timeout: 'Second-600' }, lockinfo);
    if (answer.lockToken === undefined || answer.status >= 300) {
      throw new Error(`${this.info.name}: LOCK ${url} → ${answer.status} without a token`);
    }
    this.normaliser.addToken(answer.lockToken);
    return answer.lockToken;
  }

  /**
   * Sends a request and saves its body as `<server>-<name>.xml`, if the status is the expected one
   * (a different status is reported and nothing is written, so a fixture never changes meaning).
   */
  async capture(
    name: string,
    expected: number,
    method: string,
    url: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<Answer> {
    await this.pinTimes();
    const answer = await send(method, url, headers, body);
    if (method === 'LOCK' && answer.lockToken !== undefined) {
      this.normaliser.addToken(answer.lockToken);
    }
    const file = `${this.info.name}-${name}.xml`;
    if (answer.status !== expected || !answer.text.trimStart().startsWith('<')) {
      const what = answer.status !== expected ? `expected ${expected}` : 'no XML body';
      this.problems.push(`${file}: ${method} ${url} → ${answer.status}, ${what}`);
      return answer;
    }
    const canonical = CANONICAL[this.info.name] ?? ((text: string) => text);
    await writeFile(join(this.outDir, file), canonical(this.normaliser.apply(answer.text)));
    this.records[file] = {
      method,
      path: this.normaliser.apply(new URL(url).pathname),
      status: answer.status,
      statusText: answer.statusText,
      contentType: answer.contentType,
      ...(answer.lockTokenHeader === undefined
        ? {}
        : { lockToken: this.normaliser.apply(answer.lockTokenHeader) }),
    };
    return answer;
  }

  private async pinTimes(): Promise<void> {
    for (const path of this.pinned) {
      await utimes(path, FIXED_TIME, FIXED_TIME).catch(() => undefined); // deleted by a scenario
    }
  }
}

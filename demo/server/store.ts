/**
 * The embedded server's data: an in-memory tree of collections and files, each with its dead
 * properties kept as the element trees they were sent as (so namespaces come back exactly), and the
 * locks on it. Paths are decoded server paths without a trailing slash (`/dav`, `/dav/a/b.txt`).
 */
import type { XmlElement } from '../../src/model/xml-element.ts';

/** A collection or a file. */
export interface Resource {
  readonly kind: 'collection' | 'file';
  content: Uint8Array<ArrayBufferLike>;
  contentType: string;
  etag: string;
  modified: Date;
  readonly created: Date;
  /** Dead properties by Clark name: the element as it was set. */
  readonly props: Map<string, XmlElement>;
}

/** A write lock. */
export interface Lock {
  readonly token: string;
  /** The path the lock was taken on. */
  readonly root: string;
  readonly depth: 0 | 'infinity';
  readonly scope: 'exclusive' | 'shared';
  readonly owner: XmlElement | undefined;
  timeout: number;
  expiresAt: number;
}

let etags = 0;

/** A fresh resource. */
export function newResource(
  kind: Resource['kind'],
  content: Uint8Array<ArrayBufferLike> = new Uint8Array(0),
  contentType = '',
): Resource {
  const now = new Date();
  return {
    kind,
    content,
    contentType,
    etag: `"e${++etags}-${now.getTime()}"`,
    modified: now,
    created: now,
    props: new Map(),
  };
}

/** `/dav/a/b/` → `/dav/a/b`. */
export function key(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The parent's key, or `undefined` for the root. */
export function parentKey(path: string): string | undefined {
  const at = key(path).lastIndexOf('/');
  return at <= 0 ? undefined : key(path).slice(0, at);
}

/** Whether `ancestor` is `path` or above it. */
export function within(ancestor: string, path: string): boolean {
  const a = key(ancestor);
  const p = key(path);
  return a === p || p.startsWith(`${a}/`);
}

/** The tree and its locks. */
export class Store {
  readonly resources = new Map<string, Resource>();
  readonly locks = new Map<string, Lock>();
  readonly root: string;

  constructor(root: string) {
    this.root = key(root);
    this.resources.set(this.root, newResource('collection'));
  }

  get(path: string): Resource | undefined {
    return this.resources.get(key(path));
  }

  /** The members of a collection, one level (`depth` 1) or all of them (`'infinity'`). */
  members(path: string, depth: 1 | 'infinity'): string[] {
    const base = key(path);
    return [...this.resources.keys()]
      .filter((each) => each.startsWith(`${base}/`))
      .filter((each) => depth === 'infinity' || !each.slice(base.length + 1).includes('/'))
      .sort();
  }

  /** Removes a resource and everything below it, and the locks rooted there. */
  remove(path: string): void {
    for (const each of [key(path), ...this.members(path, 'infinity')]) {
      this.resources.delete(each);
    }
    for (const [token, lock] of this.locks) {
      if (within(path, lock.root)) {
        this.locks.delete(token);
      }
    }
  }

  /** Copies a resource (and, at depth infinity, what lies below) to `to`; locks stay behind. */
  copy(from: string, to: string, depth: 0 | 'infinity'): void {
    const source = key(from);
    const members = depth === 'infinity' ? this.members(source, 'infinity') : [];
    for (const each of [source, ...members]) {
      const original = this.resources.get(each) as Resource;
      const copy = newResource(original.kind, original.content, original.contentType);
      for (const [name, value] of original.props) {
        copy.props.set(name, value);
      }
      this.resources.set(key(to) + each.slice(source.length), copy);
    }
  }

  /** The live locks (expired ones are dropped). */
  liveLocks(): Lock[] {
    const now = Date.now();
    for (const [token, lock] of this.locks) {
      if (lock.expiresAt <= now) {
        this.locks.delete(token);
      }
    }
    return [...this.locks.values()];
  }

  /** The locks that apply to a resource: its own, and depth-infinity ones above it. */
  locksOn(path: string): Lock[] {
    return this.liveLocks().filter(
      (lock) => key(lock.root) === key(path) || (lock.depth === 'infinity' && within(lock.root, path)),
    );
  }
}

import { checkPath } from '../checks/arguments.ts';
import { isDavHttpError } from '../errors/guards.ts';
import type { WriteOptions } from '../operations/call-options.ts';
import { operations } from '../operations/operations.ts';
import type { Session } from '../session/session.ts';
import { parentPath } from '../utils/href.ts';

/**
 * Creates a collection and its missing ancestors. It tries the deepest one first, so an existing
 * tree costs one request; on 409 (parent missing) it creates the parent, then retries. 405 means the
 * collection exists already.
 *
 * @example
 * ```ts
 * await makeCollections(dav, '/a/b/c/', {});
 * ```
 */
export async function makeCollections(session: Session, path: string, options: WriteOptions): Promise<void> {
  checkPath(path);
  const target = path.endsWith('/') ? path : `${path}/`;
  try {
    await session.run(operations.mkcol(target), options);
  } catch (error) {
    if (isDavHttpError(error) && error.status === 405) {
      return;
    }
    const parent = parentPath(target);
    if (!isDavHttpError(error) || error.status !== 409 || parent === undefined || parent === '/') {
      throw error;
    }
    await makeCollections(session, parent, options);
    await session.run(operations.mkcol(target), options);
  }
}

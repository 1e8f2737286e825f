import type { UploadBody } from './body.ts';
import type { RunOptions } from './call-options.ts';
import type { CopyOptions, MoveOptions } from './copy-move.ts';
import type { DeleteOptions } from './delete.ts';
import type { MkcolOptions } from './mkcol.ts';
import type { Operation } from './operation.ts';
import { operations } from './operations.ts';
import type { PutOptions } from './put.ts';

/** A write `verify` can check after an ambiguous failure: the verb and the arguments it was given. */
export type VerifiableWrite =
  | {
      readonly method: 'PUT';
      readonly path: string;
      readonly body: UploadBody;
      readonly options: PutOptions & RunOptions;
    }
  | { readonly method: 'DELETE'; readonly path: string; readonly options: DeleteOptions & RunOptions }
  | { readonly method: 'MKCOL'; readonly path: string; readonly options: MkcolOptions & RunOptions }
  | {
      readonly method: 'COPY' | 'MOVE';
      readonly from: string;
      readonly to: string;
      readonly options: (CopyOptions | MoveOptions) & RunOptions;
    };

/** The operation a write sends. */
export function writeOperation(write: VerifiableWrite): Operation<unknown> {
  switch (write.method) {
    case 'PUT':
      return operations.put(write.path, write.body, write.options);
    case 'DELETE':
      return operations.delete(write.path, write.options);
    case 'MKCOL':
      return operations.mkcol(write.path);
    case 'COPY':
      return operations.copy(write.from, write.to, write.options);
    case 'MOVE':
      return operations.move(write.from, write.to, write.options);
  }
}

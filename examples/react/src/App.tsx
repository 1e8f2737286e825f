import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Entry, isDavHttpError } from 'davkit';
import { type FormEvent, useState } from 'react';
import { DAV_URL, dav, LISTED_PROPS, lockHolder } from './dav.ts';
import { type Failure, ProblemPanel } from './ProblemPanel.tsx';

let failures = 0;

/** Folders first, then by name. */
function sorted(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** A mutation that refreshes the listing when it settles and reports its failure to the page. */
function useDavMutation<V>(
  action: string,
  run: (variables: V) => Promise<unknown>,
  report: (failure: Failure) => void,
  customFix?: (error: unknown, variables: V) => Failure['customFix'],
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onError: (error, variables) => {
      const fix = customFix?.(error, variables);
      report({ id: ++failures, action, error, ...(fix ? { customFix: fix } : {}) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['dav'] }),
  });
}

export function App() {
  const [cwd, setCwd] = useState('/');
  const [failure, setFailure] = useState<Failure>();
  const listing = useQuery({
    queryKey: ['dav', 'list', cwd],
    queryFn: () => dav.list(cwd, { props: LISTED_PROPS }),
    select: sorted,
  });
  const upload = useDavMutation(
    'Upload',
    ({ file, folder }: { file: File; folder: string }) => {
      if (folder === '') {
        return dav.put(`${cwd}${file.name}`, file);
      }
      // Two steps, one batch: the PUT waits for the MKCOL (implied by its path). A batch that fails
      // is a result, not an error: throwIfFailed() makes it a DavBatchError, a failed mutation.
      const batch = dav.batch();
      batch.mkcol(`${cwd}${folder}/`);
      batch.put(`${cwd}${folder}/${file.name}`, file);
      return batch.run().then((result) => result.throwIfFailed());
    },
    setFailure,
  );
  const remove = useDavMutation('Delete', (entry: Entry) => dav.delete(entry.path), setFailure);
  const rename = useDavMutation(
    'Rename',
    ({ from, to }: { from: string; to: string }) => dav.move(from, to, { overwrite: false }),
    setFailure,
    // 412: the new name is taken. Replacing it is the user's decision, so it is a fix of our own.
    (error, { to }) =>
      isDavHttpError(error) && error.status === 412
        ? { label: `Replace ${to} and retry`, fix: () => dav.delete(to) }
        : undefined,
  );

  function submitUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (file instanceof File && file.name !== '') {
      upload.mutate({ file, folder: String(form.get('folder') ?? '').replace(/^\/+|\/+$/g, '') });
    }
  }

  return (
    <main>
      <h1>davkit · React</h1>
      <p className="server">
        WebDAV server: <code>{DAV_URL}</code> · folder <code>{cwd}</code>
      </p>
      <form onSubmit={submitUpload} className="toolbar">
        <input type="file" name="file" aria-label="File to upload" />
        <input name="folder" placeholder="into a new folder (optional)" aria-label="New folder" />
        <button type="submit" disabled={upload.isPending}>
          Upload
        </button>
      </form>
      {failure && <ProblemPanel key={failure.id} failure={failure} onDismiss={() => setFailure(undefined)} />}
      {listing.isPending && <p>Loading…</p>}
      {listing.isError && <p role="alert">Listing failed: {listing.error.message}</p>}
      <table>
        <tbody>
          {cwd !== '/' && (
            <tr>
              <td colSpan={3}>
                <button type="button" onClick={() => setCwd(cwd.replace(/[^/]+\/$/, ''))}>
                  ..
                </button>
              </td>
            </tr>
          )}
          {listing.data?.map((entry) => (
            <Row
              key={entry.path}
              entry={entry}
              open={() => setCwd(entry.path)}
              rename={(name) => rename.mutate({ from: entry.path, to: `${cwd}${name}` })}
              remove={() => remove.mutate(entry)}
            />
          ))}
        </tbody>
      </table>
    </main>
  );
}

function Row(props: { entry: Entry; open: () => void; rename: (name: string) => void; remove: () => void }) {
  const { entry } = props;
  const [editing, setEditing] = useState(false);
  const holder = lockHolder(entry);
  return (
    <tr aria-label={entry.name}>
      <td>
        {editing ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setEditing(false);
              props.rename(String(new FormData(event.currentTarget).get('name')));
            }}
          >
            <input name="name" defaultValue={entry.name} aria-label={`New name for ${entry.name}`} />
            <button type="submit">Save</button>
          </form>
        ) : entry.type === 'directory' ? (
          <button type="button" className="link" onClick={props.open}>
            {entry.name}/
          </button>
        ) : (
          entry.name
        )}
        {holder !== undefined && (
          <span className="lock" title={`Locked by ${holder}`}>
            {' '}
            🔒 locked
          </span>
        )}
      </td>
      <td>{entry.type === 'directory' ? '' : `${entry.size ?? '?'} B`}</td>
      <td>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Rename ${entry.name}`}>
          Rename
        </button>
        <button type="button" onClick={props.remove} aria-label={`Delete ${entry.name}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

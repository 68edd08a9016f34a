import type { FileChange } from '@shared/contract/workspaces';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { hunksFromUnified } from './diff-rows';
import { type DiffMode, DiffView } from './diff-view';
import { fileName, groupByFolder, STATUS_LETTER } from './file-tree';
import { GitActions } from './git-actions';
import { useChanges } from './use-changes';
import './changes.css';
import { FieldError } from '../../ui/field-error';

type Against = 'base' | 'head';

/** The workspace's changed files (vs its base or vs HEAD), one file's diff, and commit / push / sync. */
export function ChangesPanel({ workspaceId }: { workspaceId: string }) {
  const { changes, error, loading, reload } = useChanges(workspaceId);
  const [against, setAgainst] = useState<Against>('base');
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>(() => (window.innerWidth < 900 ? 'unified' : 'split'));
  const files = against === 'base' ? changes?.vsBase : changes?.vsHead;
  const groups = useMemo(() => groupByFolder(files ?? []), [files]);
  const current = files?.find((f) => f.path === selected) ?? files?.[0] ?? null;

  return (
    <section className="ff-changes" aria-label="Changes">
      <div className="ff-changes-bar" role="toolbar" aria-label="Changes view">
        <fieldset className="ff-segmented">
          <legend className="visually-hidden">Compare against</legend>
          <Segment
            label="Base branch"
            checked={against === 'base'}
            onSelect={() => setAgainst('base')}
            count={changes?.vsBase.length}
          />
          <Segment
            label="HEAD"
            checked={against === 'head'}
            onSelect={() => setAgainst('head')}
            count={changes?.vsHead.length}
          />
        </fieldset>
        <fieldset className="ff-segmented">
          <legend className="visually-hidden">Diff layout</legend>
          <Segment label="Side by side" checked={mode === 'split'} onSelect={() => setMode('split')} />
          <Segment label="Unified" checked={mode === 'unified'} onSelect={() => setMode('unified')} />
        </fieldset>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void reload()}
          disabled={loading}
        >
          Refresh
        </button>
      </div>
      <FieldError message={error} />
      {changes && <GitActions workspaceId={workspaceId} changes={changes} onDone={() => void reload()} />}
      <div className="ff-changes-body">
        <nav className="ff-file-list" aria-label="Changed files">
          {files && !files.length && (
            <p className="empty">{against === 'base' ? 'No changes yet.' : 'Nothing uncommitted.'}</p>
          )}
          {groups.map((g) => (
            <div key={g.folder} className="ff-folder">
              {g.folder && <div className="ff-folder-name mono">{g.folder}/</div>}
              <ul>
                {g.files.map((f) => (
                  <li key={f.path}>
                    <FileButton
                      file={f}
                      current={current?.path === f.path}
                      onSelect={() => setSelected(f.path)}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="ff-file-diff">
          {current && (
            <FileDiff
              workspaceId={workspaceId}
              file={current}
              against={against}
              mode={mode}
              version={changes}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function Segment(props: {
  label: string;
  checked: boolean;
  onSelect: () => void;
  count?: number | undefined;
}) {
  return (
    <button type="button" aria-pressed={props.checked} className="btn btn-small" onClick={props.onSelect}>
      {props.label}
      {props.count !== undefined && <span className="ff-count"> {props.count}</span>}
    </button>
  );
}

function FileButton({
  file,
  current,
  onSelect,
}: {
  file: FileChange;
  current: boolean;
  onSelect: () => void;
}) {
  const counts = file.additions === null ? 'binary' : `+${file.additions} −${file.deletions ?? 0}`;
  return (
    <button
      type="button"
      className="ff-file"
      aria-current={current ? 'true' : undefined}
      aria-label={`${file.path}, ${file.status.toLowerCase()}, ${counts}`}
      title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
      onClick={onSelect}
    >
      <span className="ff-file-status" data-status={file.status}>
        {STATUS_LETTER[file.status]}
      </span>
      <span className="ff-file-name mono">{fileName(file.path)}</span>
      <span className="ff-file-counts">{counts}</span>
    </button>
  );
}

function FileDiff(props: {
  workspaceId: string;
  file: FileChange;
  against: Against;
  mode: DiffMode;
  version: unknown;
}) {
  const client = useClient();
  const { workspaceId, file, against } = props;
  const [state, setState] = useState<
    { diff: string; binary: boolean; truncated: boolean } | { error: string } | null
  >(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads the diff when the changes reload
  useEffect(() => {
    let live = true;
    client.workspaces
      .fileDiff({ id: workspaceId, path: file.path, against })
      .then((r) => live && setState(r))
      .catch((e) => live && setState({ error: describeError(e) }));
    return () => {
      live = false;
    };
  }, [workspaceId, file.path, against, props.version]);

  const hunks = useMemo(() => (state && 'diff' in state ? hunksFromUnified(state.diff) : []), [state]);
  if (!state) return <p className="empty">Loading diff…</p>;
  if ('error' in state)
    return (
      <p role="alert" className="field-error">
        {state.error}
      </p>
    );
  return (
    <div>
      <h3 className="mono ff-diff-title">{file.path}</h3>
      {state.binary ? (
        <p className="empty">Binary file.</p>
      ) : (
        <DiffView hunks={hunks} mode={props.mode} path={file.path} />
      )}
      {state.truncated && <p className="field-hint">The diff is too large and was cut short.</p>}
    </div>
  );
}

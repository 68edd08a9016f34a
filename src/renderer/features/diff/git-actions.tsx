import type { SyncStrategy, WorkspaceChanges } from '@shared/contract/workspaces';
import { useState } from 'react';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';

type Outcome = { tone: 'ok' | 'danger'; text: string } | null;

/** Commit (everything in the worktree), push, and sync with the base by rebase or merge. */
export function GitActions(props: { workspaceId: string; changes: WorkspaceChanges; onDone: () => void }) {
  const client = useClient();
  const { workspaceId: id, changes } = props;
  const [message, setMessage] = useState('');
  const [strategy, setStrategy] = useState<SyncStrategy>('rebase');
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (label: string, call: () => Promise<string>) => {
    setBusy(label);
    setOutcome(null);
    try {
      setOutcome({ tone: 'ok', text: await call() });
    } catch (e) {
      setOutcome({ tone: 'danger', text: describeError(e) });
    } finally {
      setBusy(null);
      props.onDone();
    }
  };

  const commit = () =>
    run('commit', async () => {
      const { sha } = await client.workspaces.commit({ id, message: message.trim() });
      setMessage('');
      return `Committed ${sha.slice(0, 7)}.`;
    });
  const push = () =>
    run('push', async () => {
      const r = await client.workspaces.push({ id });
      return `Pushed ${r.branch} to ${r.remote}.`;
    });
  const sync = () =>
    run('sync', async () => {
      const r = await client.workspaces.sync({ id, strategy });
      const warning = r.warning ? ` (${r.warning})` : '';
      if (r.outcome === 'UP_TO_DATE') return `Already up to date with the base${warning}.`;
      if (r.outcome === 'UPDATED') return `Synced with the base by ${strategy}${warning}.`;
      return `Conflicts in ${r.conflictedFiles.length} file(s); resolve them or abort.`;
    });
  const abort = () =>
    run('abort', async () => {
      await client.workspaces.abortSync({ id });
      return 'Sync aborted.';
    });

  const dirty = changes.vsHead.length > 0;
  const upstream = changes.upstream;
  return (
    <div className="ff-git-actions">
      <form
        className="ff-commit"
        aria-label="Commit"
        onSubmit={(e) => {
          e.preventDefault();
          if (message.trim()) void commit();
        }}
      >
        <textarea
          aria-label="Commit message"
          placeholder={dirty ? 'Commit message' : 'Nothing to commit'}
          rows={2}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && message.trim()) {
              e.preventDefault();
              void commit();
            }
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={!!busy || !message.trim() || !dirty}>
          {busy === 'commit' ? 'Committing…' : 'Commit'}
        </button>
      </form>
      <div className="ff-git-row">
        <button
          type="button"
          className="btn"
          disabled={!!busy || !!changes.sync || !changes.hasRemote}
          onClick={() => void push()}
        >
          {busy === 'push' ? 'Pushing…' : 'Push'}
        </button>
        <span className="ff-git-info">
          {!changes.hasRemote
            ? 'No "origin" remote to push to'
            : upstream
              ? `${upstream.name}: ${upstream.ahead} to push, ${upstream.behind} to pull`
              : 'Not pushed yet'}
        </span>
      </div>
      <div className="ff-git-row">
        <label>
          <span className="visually-hidden">Sync strategy</span>
          <select
            aria-label="Sync strategy"
            value={strategy}
            onChange={(e) => setStrategy(e.target.value === 'merge' ? 'merge' : 'rebase')}
          >
            <option value="rebase">Rebase</option>
            <option value="merge">Merge</option>
          </select>
        </label>
        <button type="button" className="btn" disabled={!!busy || !!changes.sync} onClick={() => void sync()}>
          {busy === 'sync' ? 'Syncing…' : 'Sync with base'}
        </button>
        <span className="ff-git-info">
          {changes.aheadBehind.ahead} ahead, {changes.aheadBehind.behind} behind the base
        </span>
      </div>
      {changes.sync && (
        <div className="ff-sync-conflict" role="alert">
          <p>
            The {changes.sync.operation} stopped on conflicts in {changes.sync.conflictedFiles.length}{' '}
            file(s):
          </p>
          <ul>
            {changes.sync.conflictedFiles.map((f) => (
              <li key={f} className="mono">
                {f}
              </li>
            ))}
          </ul>
          <p className="field-hint">Resolve them (or ask the agent to), then commit; or abort.</p>
          <button type="button" className="btn btn-danger" disabled={!!busy} onClick={() => void abort()}>
            Abort {changes.sync.operation}
          </button>
        </div>
      )}
      {outcome && (
        <p
          role={outcome.tone === 'danger' ? 'alert' : 'status'}
          className="ff-git-outcome"
          data-tone={outcome.tone}
        >
          {outcome.text}
        </p>
      )}
    </div>
  );
}

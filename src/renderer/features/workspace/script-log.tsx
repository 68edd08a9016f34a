import type { ScriptOutputItem } from '@shared/contract/events';
import type { ScriptKind, ScriptRun } from '@shared/contract/workspaces';
import { useEffect, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { followLive } from '../../transport/live-stream';
import { describeError } from '../../ui/describe-error';

const MAX_CHARS = 200_000;

/** A finished run's status wins over a snapshot read before it finished. */
function newer(prev: ScriptRun | null, next: ScriptRun): ScriptRun {
  return prev?.id === next.id && prev.status !== 'RUNNING' && next.status === 'RUNNING' ? prev : next;
}

/**
 * The latest setup / cleanup script run of a workspace with its output: the run's output snapshot, then the
 * live chunks after its sequence (`events.scriptOutput`, followed while the view is open). Shown while
 * provisioning and when setup failed.
 */
export function ScriptLog({
  workspaceId,
  kind = 'setup',
}: {
  workspaceId: string;
  /** `setup` follows setup and cleanup runs; `check` follows an iterate loop's checks. */
  kind?: 'setup' | 'check';
}) {
  const client = useClient();
  const [run, setRun] = useState<ScriptRun | null>(null);
  const [output, setOutput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const epoch = useConnection((s) => s.epoch);

  useEffect(() => {
    const follows = (k: ScriptKind) => (kind === 'check' ? k === 'check' : k === 'setup' || k === 'cleanup');
    let open = true;
    let current: { runId: string; live: AbortController } | null = null;
    const followRun = (runId: string) => {
      if (current?.runId === runId) return;
      current?.live.abort();
      const live = new AbortController();
      current = { runId, live };
      let text = '';
      setOutput('');
      followLive<Extract<ScriptOutputItem, { type: 'chunk' }>>(
        {
          subscribe: (signal) => client.events.scriptOutput({ runId }, { signal }),
          loadSnapshot: async () => {
            const snapshot = await client.workspaces.scriptOutput({ runId });
            live.signal.throwIfAborted();
            text = snapshot.output.slice(-MAX_CHARS);
            setRun((prev) => newer(prev, snapshot.run));
            setOutput(text);
            return snapshot.seq;
          },
          seqOf: (chunk) => chunk.seq,
          apply: (chunk) => {
            text = (text + chunk.chunk).slice(-MAX_CHARS);
            setOutput(text);
          },
        },
        live.signal,
      ).catch((e: unknown) => {
        if (!live.signal.aborted && open) setError(describeError(e));
      });
    };
    const off = onDomainEvent((event) => {
      if (event.type !== 'script_run.changed' || event.run.workspaceId !== workspaceId) return;
      if (!follows(event.run.kind)) return;
      followRun(event.run.id);
      setRun((prev) => newer(prev, event.run));
    });
    void epoch;
    client.workspaces
      .scriptRuns({ id: workspaceId })
      .then((runs) => {
        const latest = runs.find((r) => follows(r.kind));
        if (open && latest && !current) followRun(latest.id);
      })
      .catch((e) => open && setError(describeError(e)));
    return () => {
      open = false;
      off();
      current?.live.abort();
    };
  }, [client, workspaceId, epoch, kind]);

  if (error) return <p className="field-error">{error}</p>;
  if (!run) return null;
  return (
    <details className="script-log" open={run.status === 'FAILED' || run.status === 'RUNNING'}>
      <summary>
        {run.kind} script <span className="mono">{run.command}</span>: {run.status.toLowerCase()}
        {run.exitCode !== null ? ` (exit ${run.exitCode})` : ''}
        {run.truncated ? ', output truncated' : ''}
        {run.status === 'INTERRUPTED'
          ? ' (Factory Factory stopped while it ran; its outcome is unknown)'
          : ''}
      </summary>
      <pre className="script-output">{output || '(no output)'}</pre>
    </details>
  );
}

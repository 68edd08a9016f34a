import type { ScriptRun } from '@shared/contract/workspaces';
import { useEffect, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';

const MAX_CHARS = 200_000;

/**
 * The latest setup / cleanup script run of a workspace with its output: the stored output first, then live
 * chunks from `script_run.output` (chunks pushed while the stored output is in flight may be missing from
 * the view; the stored output is complete). Shown while provisioning and when setup failed.
 */
export function ScriptLog({ workspaceId }: { workspaceId: string }) {
  const client = useClient();
  const [run, setRun] = useState<ScriptRun | null>(null);
  const [output, setOutput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const epoch = useConnection((s) => s.epoch);

  useEffect(() => {
    let live = true;
    let current: string | null = null;
    const off = onDomainEvent((event) => {
      if (
        event.type === 'script_run.changed' &&
        event.run.workspaceId === workspaceId &&
        event.run.kind !== 'run'
      ) {
        if (event.run.id !== current) {
          current = event.run.id;
          setOutput('');
        }
        setRun(event.run);
      } else if (event.type === 'script_run.output' && event.workspaceId === workspaceId) {
        if (event.runId === current) setOutput((o) => (o + event.chunk).slice(-MAX_CHARS));
      }
    });
    void epoch;
    client.workspaces
      .scriptRuns({ id: workspaceId })
      .then(async (runs) => {
        const latest = runs.find((r) => r.kind !== 'run');
        if (!live || !latest || current !== null) return;
        const stored = await client.workspaces.scriptOutput({ runId: latest.id });
        if (!live || current !== null) return;
        current = latest.id;
        setRun(stored.run);
        setOutput(stored.output.slice(-MAX_CHARS));
      })
      .catch((e) => live && setError(describeError(e)));
    return () => {
      live = false;
      off();
    };
  }, [client, workspaceId, epoch]);

  if (error) return <p className="field-error">{error}</p>;
  if (!run) return null;
  return (
    <details className="script-log" open={run.status === 'FAILED' || run.status === 'RUNNING'}>
      <summary>
        {run.kind} script <span className="mono">{run.command}</span>: {run.status.toLowerCase()}
        {run.exitCode !== null ? ` (exit ${run.exitCode})` : ''}
        {run.truncated ? ', output truncated' : ''}
      </summary>
      <pre className="script-output">{output || '(no output)'}</pre>
    </details>
  );
}

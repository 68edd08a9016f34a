import type { IterateLoop } from '@shared/contract/iterate';
import { toast } from 'sonner';
import { latestLoop, useIterateLoops } from '../../stores/automation-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { ScriptLog } from '../workspace/script-log';

/** "Iteration 2 of 5 · running the check" — the words the card and the workspace view share. */
export function iterateSummary(loop: IterateLoop): string {
  const step = `Iteration ${loop.iteration} of ${loop.maxIterations}`;
  if (loop.status !== 'RUNNING') return `${STATUS_WORDS[loop.status]} · ${loop.reason ?? ''}`;
  const doing = loop.phase === 'check' ? 'running the check' : 'agent working';
  const last = loop.lastCheck?.passed === false ? ' · last check failed' : '';
  return `${step} · ${doing}${last}`;
}

const STATUS_WORDS: Record<IterateLoop['status'], string> = {
  RUNNING: 'Running',
  PASSED: 'Green',
  EXHAUSTED: 'Still failing',
  STOPPED: 'Stopped',
  FAILED: 'Stopped',
};

/** The workspace's latest iterate loop: progress, Stop, and the live output of its check. */
export function IterateProgress({ workspaceId }: { workspaceId: string }) {
  const client = useClient();
  const loop = useIterateLoops((s) => latestLoop(s.byId, workspaceId));
  if (!loop) return null;
  const running = loop.status === 'RUNNING';
  const stop = () =>
    client.iterate
      .stop({ loopId: loop.id })
      .then((l) => useIterateLoops.getState().upsert(l))
      .catch((e) => toast.error('Could not stop the loop', { description: describeError(e) }));
  return (
    <section
      className={`iterate-progress iterate-${loop.status.toLowerCase()}`}
      aria-label="Iterate until green"
    >
      <div className="iterate-line">
        <strong>Iterate until green</strong> <span className="mono">{loop.command}</span>
        <span role="status" className="iterate-status">
          {iterateSummary(loop)}
        </span>
        {running && (
          <button type="button" className="btn btn-small btn-danger" onClick={() => void stop()}>
            Stop loop
          </button>
        )}
        {!running && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label="Dismiss"
            onClick={() => useIterateLoops.getState().remove(loop.id)}
          >
            Dismiss
          </button>
        )}
      </div>
      {loop.lastCheck && <ScriptLog workspaceId={workspaceId} kind="check" />}
    </section>
  );
}

/** One line on a board card while a loop runs, or after it ended (until dismissed). */
export function CardIterate({ workspaceId }: { workspaceId: string }) {
  const loop = useIterateLoops((s) => latestLoop(s.byId, workspaceId));
  if (!loop) return null;
  return (
    <p className="card-iterate" role="status" aria-label="Iterate until green">
      {loop.status === 'RUNNING' ? '⟳ ' : ''}
      {iterateSummary(loop)}
    </p>
  );
}

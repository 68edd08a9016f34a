import { useWorkspaceProgress } from '../../stores/progress-store';

/** The latest provisioning / archiving step, live, while the workspace is busy. */
export function ProgressLine({ workspaceId }: { workspaceId: string }) {
  const last = useWorkspaceProgress((s) => s.byWorkspace[workspaceId]?.at(-1));
  if (!last)
    return (
      <p className="field-hint" role="status">
        Working…
      </p>
    );
  return (
    <p className={last.level === 'error' ? 'field-error' : 'field-hint'} role="status" aria-live="polite">
      <span className="mono">{last.step}</span> {last.message}
    </p>
  );
}

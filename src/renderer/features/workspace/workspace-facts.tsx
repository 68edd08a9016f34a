import type { Workspace } from '@shared/contract/workspaces';
import { toast } from 'sonner';
import { describeError } from '../../ui/describe-error';
import { OpenInEditor } from './open-in-editor';

/** Branch, base, worktree (copy, open in the editor), ahead/behind and run port of a workspace. */
export function WorkspaceFacts({ workspace }: { workspace: Workspace }) {
  return (
    <dl className="workspace-facts">
      <div>
        <dt>Branch</dt>
        <dd className="mono">{workspace.branch}</dd>
      </div>
      <div>
        <dt>Base</dt>
        <dd className="mono">{workspace.baseBranch}</dd>
      </div>
      <div>
        <dt>Worktree</dt>
        <dd className="worktree-fact">
          <span className="mono worktree-path" title={workspace.worktreePath}>
            {workspace.worktreePath}
          </span>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label="Copy worktree path"
            title="Copy worktree path"
            onClick={() => void copyPath(workspace.worktreePath)}
          >
            Copy
          </button>
          <OpenInEditor workspaceId={workspace.id} disabled={workspace.status !== 'READY'} />
        </dd>
      </div>
      {workspace.aheadBehind && (
        <div>
          <dt>Ahead / behind</dt>
          <dd>
            <span aria-hidden="true">
              ↑{workspace.aheadBehind.ahead} ↓{workspace.aheadBehind.behind}
            </span>
            <span className="visually-hidden">
              {workspace.aheadBehind.ahead} ahead, {workspace.aheadBehind.behind} behind
            </span>
          </dd>
        </div>
      )}
      {workspace.runPort !== null && (
        <div>
          <dt>Port</dt>
          <dd className="mono">{workspace.runPort}</dd>
        </div>
      )}
    </dl>
  );
}

async function copyPath(worktreePath: string) {
  try {
    await navigator.clipboard.writeText(worktreePath);
    toast.success('Worktree path copied');
  } catch (error) {
    toast.error('Could not copy the path', { description: describeError(error) });
  }
}

import type { WorkspaceTab } from '../../app/route';
import { useClient } from '../../transport/client-context';
import { runQuickAction, useWorkspaceQuickActions } from './quick-actions-store';

/** The workspace's quick actions as buttons; "current session" actions go to the open session tab. */
export function QuickActionBar({
  workspaceId,
  tab,
  disabled,
}: {
  workspaceId: string;
  tab: WorkspaceTab | null;
  disabled: boolean;
}) {
  const client = useClient();
  const actions = useWorkspaceQuickActions(workspaceId);
  if (actions.length === 0) return null;
  const sessionId = tab?.kind === 'session' ? tab.id : undefined;
  return (
    <div className="quick-actions" role="toolbar" aria-label="Quick actions">
      <span className="quick-actions-label">Ask the agent:</span>
      {actions.map((action) => (
        <button
          key={action.name}
          type="button"
          className="btn btn-small"
          disabled={disabled}
          title={`${action.description ?? action.title}${action.session === 'new' ? ' (new session)' : ''}`}
          onClick={() => void runQuickAction(client, workspaceId, action, sessionId)}
        >
          {action.title}
        </button>
      ))}
    </div>
  );
}

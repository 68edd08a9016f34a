import type { QuickAction } from '@shared/contract/prompts';
import type { WorkspaceTab } from '../../app/route';
import { useClient } from '../../transport/client-context';
import { Icon } from '../../ui/icons';
import { MenuButton } from '../../ui/menu';
import { runQuickAction, useWorkspaceQuickActions } from './quick-actions-store';

interface QuickActionProps {
  workspaceId: string;
  tab: WorkspaceTab | null;
  disabled: boolean;
}

function actionHint(action: QuickAction): string {
  return `${action.description ?? action.title}${action.session === 'new' ? ' (new session)' : ''}`;
}

/** The workspace's quick actions as buttons; "current session" actions go to the open session tab. */
export function QuickActionBar({ workspaceId, tab, disabled }: QuickActionProps) {
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
          title={actionHint(action)}
          onClick={() => void runQuickAction(client, workspaceId, action, sessionId)}
        >
          {action.title}
        </button>
      ))}
    </div>
  );
}

/** The same actions behind one button, for narrow screens where a row of buttons would crowd out the chat. */
export function QuickActionMenu({ workspaceId, tab, disabled }: QuickActionProps) {
  const client = useClient();
  const actions = useWorkspaceQuickActions(workspaceId);
  if (actions.length === 0) return null;
  const sessionId = tab?.kind === 'session' ? tab.id : undefined;
  return (
    <MenuButton
      label="Quick actions"
      heading="Ask the agent:"
      icon={<Icon name="bolt" />}
      disabled={disabled}
      items={actions.map((action) => ({
        label: action.title,
        title: actionHint(action),
        onSelect: () => void runQuickAction(client, workspaceId, action, sessionId),
      }))}
    />
  );
}

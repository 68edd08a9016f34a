import type { ContractClient } from '@shared/contract';
import type { QuickAction } from '@shared/contract/prompts';
import { useEffect } from 'react';
import { toast } from 'sonner';
import { create } from 'zustand';
import { navigate } from '../../app/router-store';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';

/** Quick actions by workspace, as last loaded (they depend on the project's `.factory-factory/prompts/`). */
export const useQuickActions = create<{ byWorkspace: Record<string, QuickAction[]> }>(() => ({
  byWorkspace: {},
}));

const EMPTY: QuickAction[] = [];

/** Loads a workspace's quick actions, and again after any prompt file changes or a reconnect. */
export function useWorkspaceQuickActions(workspaceId: string): QuickAction[] {
  const client = useClient();
  const epoch = useConnection((s) => s.epoch);
  useEffect(() => {
    let live = true;
    const load = () =>
      client.prompts.quickActions({ workspaceId }).then(
        (actions) => {
          if (live)
            useQuickActions.setState((s) => ({ byWorkspace: { ...s.byWorkspace, [workspaceId]: actions } }));
        },
        () => undefined,
      );
    void epoch;
    void load();
    const off = onDomainEvent((event) => {
      if (event.type === 'prompts.changed') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, workspaceId, epoch]);
  return useQuickActions((s) => s.byWorkspace[workspaceId] ?? EMPTY);
}

/** Runs a quick action and opens the session it went to; a failure (broken file, no agent) becomes a toast. */
export async function runQuickAction(
  client: ContractClient,
  workspaceId: string,
  action: Pick<QuickAction, 'name' | 'title'>,
  sessionId?: string,
): Promise<boolean> {
  try {
    const ran = await client.prompts.runQuickAction({ workspaceId, name: action.name, sessionId });
    navigate({ name: 'workspace', workspaceId, tab: { kind: 'session', id: ran.sessionId } });
    return true;
  } catch (error) {
    toast.error(`Could not run “${action.title}”`, { description: describeError(error) });
    return false;
  }
}

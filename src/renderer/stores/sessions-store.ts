import type { Session } from '@shared/contract/sessions';
import { createEntityStore } from './entity-store';

export const useSessions = createEntityStore<Session>();

/** Sessions of a workspace, oldest first (tab order). */
export function sessionsOf(byId: Record<string, Session>, workspaceId: string): Session[] {
  return Object.values(byId)
    .filter((s) => s.workspaceId === workspaceId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

import type { Workspace } from '@shared/contract/workspaces';
import { createEntityStore } from './entity-store';

export const useWorkspaces = createEntityStore<Workspace>();

/** Live (not archived) workspaces of a project, newest first. */
export function workspacesOf(byId: Record<string, Workspace>, projectId: string | null): Workspace[] {
  return Object.values(byId)
    .filter((w) => (projectId === null || w.projectId === projectId) && w.status !== 'ARCHIVED')
    .sort((a, b) => b.createdAt - a.createdAt);
}

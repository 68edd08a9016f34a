import type { Terminal } from '@shared/contract/terminals';
import { createEntityStore } from './entity-store';

/** Terminals are listed per workspace (when its view opens) and kept live by `terminal.*` events. */
export const useTerminals = createEntityStore<Terminal>();

export function terminalsOf(byId: Record<string, Terminal>, workspaceId: string): Terminal[] {
  return Object.values(byId)
    .filter((t) => t.workspaceId === workspaceId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Replaces one workspace's terminals with a fresh list, keeping the others. */
export function replaceWorkspaceTerminals(workspaceId: string, list: readonly Terminal[]): void {
  useTerminals.setState((s) => {
    const kept = Object.values(s.byId).filter((t) => t.workspaceId !== workspaceId);
    return { byId: Object.fromEntries([...kept, ...list].map((t) => [t.id, t])) };
  });
}

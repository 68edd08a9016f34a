import type { IterateLoop } from '@shared/contract/iterate';
import type { Schedule } from '@shared/contract/schedules';
import { createEntityStore } from './entity-store';

/** Iterate-until-green loops: every running one (snapshot) and every one an event has shown since. */
export const useIterateLoops = createEntityStore<IterateLoop>();

export const useSchedules = createEntityStore<Schedule>();

/** The workspace's newest loop, running or not. */
export function latestLoop(byId: Record<string, IterateLoop>, workspaceId: string): IterateLoop | null {
  const loops = Object.values(byId).filter((l) => l.workspaceId === workspaceId);
  loops.sort((a, b) => b.createdAt - a.createdAt);
  return loops[0] ?? null;
}

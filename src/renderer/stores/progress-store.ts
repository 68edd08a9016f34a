import type { WorkspaceProgress } from '@shared/contract/workspaces';
import { create } from 'zustand';

const KEEP = 50;

interface ProgressStore {
  /** Recent provisioning / sync / archive steps per workspace (this connection only; not a log). */
  byWorkspace: Record<string, WorkspaceProgress[]>;
  add(progress: WorkspaceProgress): void;
}

export const useWorkspaceProgress = create<ProgressStore>((set) => ({
  byWorkspace: {},
  add: (progress) =>
    set((s) => ({
      byWorkspace: {
        ...s.byWorkspace,
        [progress.workspaceId]: [...(s.byWorkspace[progress.workspaceId] ?? []), progress].slice(-KEEP),
      },
    })),
}));

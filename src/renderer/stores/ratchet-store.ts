import type { RatchetView } from '@shared/contract/ratchet';
import { create } from 'zustand';

interface RatchetStore {
  /** Ratchet's view of each workspace it is (or was, this run) on for, by workspace id. */
  byWorkspace: Record<string, RatchetView>;
  replaceAll(views: RatchetView[]): void;
  upsert(view: RatchetView): void;
}

export const useRatchet = create<RatchetStore>((set) => ({
  byWorkspace: {},
  replaceAll: (views) => set({ byWorkspace: Object.fromEntries(views.map((v) => [v.workspaceId, v])) }),
  upsert: (view) => set((s) => ({ byWorkspace: { ...s.byWorkspace, [view.workspaceId]: view } })),
}));

import { create } from 'zustand';

/** Transient UI state: which overlays are open. Not persisted. */
interface UiStore {
  drawerOpen: boolean;
  paletteOpen: boolean;
  inboxOpen: boolean;
  /** Project the "new workspace" dialog is open for, or null. */
  newWorkspaceProjectId: string | null;
  setDrawerOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setInboxOpen(open: boolean): void;
  openNewWorkspace(projectId: string): void;
  closeNewWorkspace(): void;
}

export const useUi = create<UiStore>((set) => ({
  drawerOpen: false,
  paletteOpen: false,
  inboxOpen: false,
  newWorkspaceProjectId: null,
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setInboxOpen: (inboxOpen) => set({ inboxOpen }),
  openNewWorkspace: (newWorkspaceProjectId) => set({ newWorkspaceProjectId, paletteOpen: false }),
  closeNewWorkspace: () => set({ newWorkspaceProjectId: null }),
}));

import { create } from 'zustand';

interface DesktopUpdateState {
  /** The version downloaded and waiting for a restart (desktop app), or null. */
  ready: string | null;
  setReady(version: string): void;
}

export const useDesktopUpdate = create<DesktopUpdateState>((set) => ({
  ready: null,
  setReady: (version) => set({ ready: version }),
}));

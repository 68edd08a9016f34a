import type { AppSettings } from '@shared/contract/settings';
import type { SystemInfo } from '@shared/contract/system';
import { create } from 'zustand';

interface SettingsStore {
  settings: AppSettings | null;
  system: SystemInfo | null;
  setSettings(settings: AppSettings): void;
  setSystem(system: SystemInfo): void;
}

export const useSettings = create<SettingsStore>((set) => ({
  settings: null,
  system: null,
  setSettings: (settings) => set({ settings }),
  setSystem: (system) => set({ system }),
}));

import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'online' | 'offline';

interface ConnectionStore {
  state: ConnectionState;
  /** Bumps every time the connection comes online, so features can reload what they cache per connection. */
  epoch: number;
  /** Why the last attempt failed, for the top bar's tooltip. */
  lastError: string | null;
  /** When the next reconnect attempt is due (epoch ms), while offline. */
  retryAt: number | null;
  setConnecting(): void;
  setOnline(): void;
  setOffline(error: string, retryAt: number): void;
}

export const useConnection = create<ConnectionStore>((set) => ({
  state: 'connecting',
  epoch: 0,
  lastError: null,
  retryAt: null,
  setConnecting: () => set({ state: 'connecting', retryAt: null }),
  setOnline: () => set((s) => ({ state: 'online', epoch: s.epoch + 1, lastError: null, retryAt: null })),
  setOffline: (lastError, retryAt) => set({ state: 'offline', lastError, retryAt }),
}));

import type { AlertKind } from '@shared/lib/session-alert';
import { create } from 'zustand';

export interface InboxItem {
  id: string;
  kind: AlertKind;
  title: string;
  body: string;
  sessionId: string;
  workspaceId: string;
  at: number;
  read: boolean;
}

interface InboxStore {
  items: InboxItem[];
  add(item: Omit<InboxItem, 'id' | 'read'>): void;
  markRead(id: string): void;
  markAllRead(): void;
  clear(): void;
}

const MAX_ITEMS = 200;
let nextId = 1;

/** The in-app inbox: alerts that arrived while their session was not on screen, newest first. */
export const useInbox = create<InboxStore>((set) => ({
  items: [],
  add: (item) =>
    set((s) => ({ items: [{ ...item, id: String(nextId++), read: false }, ...s.items].slice(0, MAX_ITEMS) })),
  markRead: (id) => set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, read: true } : i)) })),
  markAllRead: () => set((s) => ({ items: s.items.map((i) => ({ ...i, read: true })) })),
  clear: () => set({ items: [] }),
}));

import { create } from 'zustand';

export interface EntityState<T extends { id: string }> {
  byId: Record<string, T>;
  /** True once the first snapshot arrived, so views can tell "empty" from "not loaded". */
  loaded: boolean;
  replaceAll(items: readonly T[]): void;
  upsert(item: T): void;
  remove(id: string): void;
}

/** A zustand store of entities by id. Snapshots replace; events carry whole entities, so upserts are idempotent. */
export function createEntityStore<T extends { id: string }>() {
  return create<EntityState<T>>((set) => ({
    byId: {},
    loaded: false,
    replaceAll: (items) => set({ byId: Object.fromEntries(items.map((i) => [i.id, i])), loaded: true }),
    upsert: (item) => set((s) => ({ byId: { ...s.byId, [item.id]: item } })),
    remove: (id) =>
      set((s) => {
        if (!(id in s.byId)) return s;
        const { [id]: _removed, ...rest } = s.byId;
        return { byId: rest };
      }),
  }));
}

import type { BoardEvent } from '@shared/contract/events';

type Listener = (event: BoardEvent) => void;
const listeners = new Set<Listener>();

/**
 * Features that keep their own caches (script logs, diffs, notifications) listen to board events here; the
 * core stores are fed by `routeEvent` before listeners run. Returns the unsubscribe function.
 */
export function onDomainEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitDomainEvent(event: BoardEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error('Domain event listener failed', error);
    }
  }
}

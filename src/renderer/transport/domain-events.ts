import type { DomainEvent } from '@shared/contract/events';

type Listener = (event: DomainEvent) => void;
const listeners = new Set<Listener>();

/**
 * Features that keep their own caches (chat transcripts, notifications) listen here; the core stores are
 * fed by `routeEvent` before listeners run. Returns the unsubscribe function.
 */
export function onDomainEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitDomainEvent(event: DomainEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error('Domain event listener failed', error);
    }
  }
}

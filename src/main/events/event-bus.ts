import { EventPublisher } from '@orpc/server';
import type { DomainEvent } from '../../shared/contract/events';

/**
 * The core's domain event bus. Services publish whole entities after they are stored; subscribers (the
 * `events.subscribe` stream, Ratchet, notifications) receive them in publish order.
 */
export class EventBus {
  private readonly publisher = new EventPublisher<{ event: DomainEvent }>({ maxBufferedEvents: 10_000 });

  publish(event: DomainEvent): void {
    this.publisher.publish('event', event);
  }

  /** Calls `listener` for every event until the returned function is called. */
  on(listener: (event: DomainEvent) => void): () => void {
    return this.publisher.subscribe('event', listener);
  }

  /** Async iteration over events until `signal` aborts. */
  stream(signal?: AbortSignal): AsyncIterable<DomainEvent> {
    return this.publisher.subscribe('event', { signal });
  }

  get subscriberCount(): number {
    return this.publisher.size;
  }
}

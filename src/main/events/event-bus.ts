import type { BoardEvent, DomainEvent } from '../../shared/contract/events';
import { LiveFeed } from './live-feed';

type Listener = (event: DomainEvent, boardSeq: number) => void;

/**
 * The core's domain event bus. Services publish whole entities after they are stored; listeners (the live
 * topics of `events.*`, Ratchet, notifications) are called synchronously in publish order. Board events get
 * the core-wide board sequence.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  publish(event: DomainEvent): void {
    if (isBoardEvent(event)) this.seq++;
    for (const listener of [...this.listeners]) listener(event, this.seq);
  }

  /** The sequence of the last board event published. */
  get boardSeq(): number {
    return this.seq;
  }

  /** Calls `listener` for every event until the returned function is called. */
  on(listener: (event: DomainEvent) => void): () => void {
    const wrapped: Listener = (event) => listener(event);
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /**
   * A bounded feed of what `select` keeps (null skips), until `signal` aborts. `resync` makes the item that
   * replaces the queue when the subscriber falls behind.
   */
  feed<T>(
    select: (event: DomainEvent, boardSeq: number) => T | null,
    resync: () => T,
    signal: AbortSignal | undefined,
  ): LiveFeed<T> {
    const feed = new LiveFeed<T>(resync, signal);
    const listener: Listener = (event, boardSeq) => {
      const item = select(event, boardSeq);
      if (item !== null) feed.push(item);
    };
    this.listeners.add(listener);
    signal?.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
    return feed;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}

export function isBoardEvent(event: DomainEvent): event is BoardEvent {
  return event.type !== 'session.log' && event.type !== 'script_run.output';
}

import type { DomainEvent } from '../../shared/contract/events';
import type { Session, SessionStatus } from '../../shared/contract/sessions';
import { type SessionAlert, sessionAlert } from '../../shared/lib/session-alert';

/** A session that needs the user: it asks for permission, finished a turn, or failed. */
export interface AttentionItem extends SessionAlert {
  sessionId: string;
  workspaceId: string;
  at: number;
}

export interface AttentionDeps {
  /** Subscribes to the core's domain events; returns the unsubscribe. */
  onEvent(listener: (event: DomainEvent) => void): () => void;
  sessions(): Session[];
  now?: () => number;
}

/**
 * Which sessions need the user, for the tray menu, the badge and native notifications. Fed by the core's
 * `session.changed` events: a session enters when it asks for permission, fails, or finishes a turn, and
 * leaves when its status changes again (the user answered, restarted or prompted it) or when the user opens it.
 */
export class AttentionTracker {
  private readonly items = new Map<string, AttentionItem>();
  private readonly statuses = new Map<string, SessionStatus>();
  private readonly listeners = new Set<(items: AttentionItem[], raised: AttentionItem | null) => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(deps: AttentionDeps) {
    this.now = deps.now ?? Date.now;
    for (const session of deps.sessions()) {
      this.statuses.set(session.id, session.status);
      // At start only what is still waiting is listed; a turn that finished before the restart is old news.
      const alert = sessionAlert('RUNNING', session);
      if (alert && alert.kind !== 'finished') this.items.set(session.id, this.item(alert, session));
    }
    this.unsubscribe = deps.onEvent((event) => {
      if (event.type === 'session.changed') this.update(event.session);
    });
  }

  /** Newest first. */
  list(): AttentionItem[] {
    return [...this.items.values()].sort((a, b) => b.at - a.at);
  }

  /**
   * Calls `listener` whenever the list changes, with the item that was just raised (null when one left):
   * the notification policy decides on `raised`, the tray redraws from the list.
   */
  onChange(listener: (items: AttentionItem[], raised: AttentionItem | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user opened this session: a finished turn is seen; a question or failure stays until resolved. */
  seen(sessionId: string): void {
    if (this.items.get(sessionId)?.kind !== 'finished') return;
    this.items.delete(sessionId);
    this.emit(null);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private update(session: Session): void {
    const previous = this.statuses.get(session.id);
    this.statuses.set(session.id, session.status);
    if (previous === session.status) return;
    const alert = sessionAlert(previous ?? 'STARTING', session);
    if (alert) {
      const item = this.item(alert, session);
      this.items.set(session.id, item);
      this.emit(item);
    } else if (this.items.delete(session.id)) {
      this.emit(null);
    }
  }

  private item(alert: SessionAlert, session: Session): AttentionItem {
    return { ...alert, sessionId: session.id, workspaceId: session.workspaceId, at: this.now() };
  }

  private emit(raised: AttentionItem | null): void {
    const items = this.list();
    for (const listener of [...this.listeners]) listener(items, raised);
  }
}

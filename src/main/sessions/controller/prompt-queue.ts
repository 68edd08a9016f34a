import type { QueuedPrompt, Session } from '../../../shared/contract/sessions';

/**
 * A session's queued prompts (`session.queue`) and its hold (`session.queueHeld`). A cancel by the user holds
 * what is queued; prompts added while held go ahead of the held ones and may be sent; the held ones wait for
 * `release`. Emptying the queue lifts the hold.
 */
export class PromptQueue {
  /**
   * While held: how many prompts at the front were added after the hold. Not stored: after a restart
   * everything queued stays held.
   */
  private aheadOfHold = 0;

  constructor(private readonly session: Session) {}

  /** How many prompts may be sent now: all of them, or only those ahead of a hold. */
  get sendable(): number {
    return this.session.queueHeld ? this.aheadOfHold : this.session.queue.length;
  }

  add(item: QueuedPrompt): void {
    const s = this.session;
    if (s.queueHeld) s.queue.splice(this.aheadOfHold++, 0, item);
    else s.queue.push(item);
  }

  /** Takes the next sendable prompt; call only when `sendable` > 0. */
  take(): QueuedPrompt {
    const s = this.session;
    const next = s.queue.shift() as QueuedPrompt;
    if (s.queueHeld) this.aheadOfHold--;
    if (s.queue.length === 0) s.queueHeld = false;
    return next;
  }

  /** Holds everything queued; false when there is nothing to hold. */
  hold(): boolean {
    if (this.session.queue.length === 0) return false;
    this.session.queueHeld = true;
    this.aheadOfHold = 0;
    return true;
  }

  /** Lifts the hold; false when there was none. */
  release(): boolean {
    if (!this.session.queueHeld) return false;
    this.session.queueHeld = false;
    this.aheadOfHold = 0;
    return true;
  }

  /** Removes a queued prompt; false when it is not queued (sent already, or never was). */
  remove(queuedId: string): boolean {
    const s = this.session;
    const index = s.queue.findIndex((q) => q.id === queuedId);
    if (index === -1) return false;
    s.queue.splice(index, 1);
    if (index < this.aheadOfHold) this.aheadOfHold--;
    if (s.queue.length === 0) s.queueHeld = false;
    return true;
  }
}

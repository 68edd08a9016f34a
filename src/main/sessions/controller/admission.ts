/** A held running-agent slot. */
export interface AdmissionTicket {
  release(): void;
}

interface Waiter {
  sessionId: string;
  admit(ticket: AdmissionTicket): void;
  onPosition(position: number): void;
}

/**
 * The global cap on agent processes alive at once. Sessions over the cap wait in a visible FIFO queue;
 * before queueing, `evict` may hibernate an idle agent that can resume to make room.
 */
export class Admission {
  private readonly holders = new Set<string>();
  private waiting: Waiter[] = [];

  constructor(
    private readonly cap: () => number,
    private readonly evict: (forSessionId: string) => boolean,
  ) {}

  get running(): number {
    return this.holders.size;
  }

  /** Resolves when a slot is free; `onPosition` reports the 1-based place while waiting. */
  acquire(sessionId: string, onPosition: (position: number) => void): Promise<AdmissionTicket> {
    if (this.holders.size >= this.cap()) this.evict(sessionId);
    if (this.holders.size < this.cap() && this.waiting.length === 0) {
      return Promise.resolve(this.grant(sessionId));
    }
    return new Promise((resolve) => {
      this.waiting.push({ sessionId, admit: resolve, onPosition });
      this.reportPositions();
    });
  }

  /** The cap was changed: a raised cap admits waiting sessions now (a lowered one applies to new starts). */
  capChanged(): void {
    this.admitWaiting();
  }

  /** Leaves the queue without a slot (the session was stopped while waiting). */
  withdraw(sessionId: string): void {
    const leaving = this.waiting.filter((w) => w.sessionId === sessionId);
    if (leaving.length === 0) return;
    this.waiting = this.waiting.filter((w) => w.sessionId !== sessionId);
    // The waiter gets a ticket that holds nothing, so its start can notice it was stopped and return.
    for (const w of leaving) w.admit({ release() {} });
    this.reportPositions();
  }

  private grant(sessionId: string): AdmissionTicket {
    this.holders.add(sessionId);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.holders.delete(sessionId);
        this.admitWaiting();
      },
    };
  }

  private admitWaiting(): void {
    let admitted = false;
    while (this.waiting.length > 0 && this.holders.size < this.cap()) {
      const next = this.waiting.shift() as Waiter;
      next.admit(this.grant(next.sessionId));
      admitted = true;
    }
    if (admitted) this.reportPositions();
  }

  private reportPositions(): void {
    for (const [i, w] of this.waiting.entries()) w.onPosition(i + 1);
  }
}

import os from 'node:os';

/** A held running-agent slot; while the agent starts it also holds one of the starting slots. */
export interface AdmissionTicket {
  /** The agent answered initialize and opened its conversation: the starting slot goes to the next in line. */
  started(): void;
  release(): void;
}

/**
 * What a start is for, in the order the queue serves them (first come first served within each):
 * `foreground` (the user prompted or created a session), `wake` (the user opened a hibernated session's chat;
 * it takes only a free slot and never hibernates another agent to make one), `background` (restarts, recovery).
 */
export type StartKind = 'foreground' | 'wake' | 'background';

const RANK: Record<StartKind, number> = { foreground: 0, wake: 1, background: 2 };

interface Waiter {
  sessionId: string;
  kind: StartKind;
  admit(ticket: AdmissionTicket): void;
  onPosition(position: number): void;
}

/**
 * Starts at once when the settings name none: one per core. Each start then has a core to itself, so the first
 * ones answer at near their lone speed, and all of them finish no later than if they had shared the cores.
 */
export function defaultStartingLimit(): number {
  return Math.max(1, os.availableParallelism());
}

/** After this long a start gives up its starting slot (it keeps its running slot). */
const STARTING_SLOT_MAX_MS = 30_000;

export interface AdmissionLimits {
  /** Agent processes alive at once. */
  running(): number;
  /** Agent processes starting (spawned, not yet past initialize and session new/resume) at once. */
  starting(): number;
}

/**
 * The global caps on agent processes: how many are alive and how many are starting at once (agent CLIs burn
 * CPU while they start; started together they share the cores and none answers until nearly all do).
 * Sessions over either cap wait in one visible queue, foreground before background, first come first served
 * within each. Before queueing, `evict` may hibernate an idle agent that can resume to make room.
 */
export class Admission {
  private readonly holders = new Set<string>();
  private readonly startingHolders = new Set<string>();
  private waiting: Waiter[] = [];

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly evict: (forSessionId: string) => boolean,
  ) {}

  get running(): number {
    return this.holders.size;
  }

  get starting(): number {
    return this.startingHolders.size;
  }

  /** Resolves when slots are free; `onPosition` reports the 1-based place while waiting. */
  acquire(
    sessionId: string,
    kind: StartKind,
    onPosition: (position: number) => void,
  ): Promise<AdmissionTicket> {
    if (kind !== 'wake' && this.holders.size >= this.limits.running()) this.evict(sessionId);
    if (this.hasRoom() && this.waiting.every((w) => RANK[w.kind] > RANK[kind]))
      return Promise.resolve(this.grant(sessionId));
    return new Promise((resolve) => {
      this.enqueue({ sessionId, kind, admit: resolve, onPosition });
      this.reportPositions();
    });
  }

  /** A cap was changed: a raised one admits waiting sessions now (a lowered one applies to new starts). */
  capChanged(): void {
    this.admitWaiting();
  }

  /**
   * A waking session now needs its agent (the user sent a prompt): it waits as a foreground start from here,
   * ahead of other wakes, and when the running-agent cap is full an idle agent that can resume is hibernated.
   */
  urge(sessionId: string): void {
    const waiter = this.waiting.find((w) => w.sessionId === sessionId && w.kind === 'wake');
    if (!waiter) return;
    this.waiting = this.waiting.filter((w) => w !== waiter);
    this.enqueue({ ...waiter, kind: 'foreground' });
    if (this.holders.size >= this.limits.running()) this.evict(sessionId);
    this.reportPositions();
  }

  /** Leaves the queue without a slot (the session was stopped while waiting). */
  withdraw(sessionId: string): void {
    const leaving = this.waiting.filter((w) => w.sessionId === sessionId);
    if (leaving.length === 0) return;
    this.waiting = this.waiting.filter((w) => w.sessionId !== sessionId);
    // The waiter gets a ticket that holds nothing, so its start can notice it was stopped and return.
    for (const w of leaving) w.admit({ started() {}, release() {} });
    this.reportPositions();
  }

  /** Behind every waiter of the same or a more urgent kind. */
  private enqueue(waiter: Waiter): void {
    const ahead = this.waiting.filter((w) => RANK[w.kind] <= RANK[waiter.kind]).length;
    this.waiting.splice(ahead, 0, waiter);
  }

  private hasRoom(): boolean {
    return this.holders.size < this.limits.running() && this.startingHolders.size < this.limits.starting();
  }

  private grant(sessionId: string): AdmissionTicket {
    this.holders.add(sessionId);
    this.startingHolders.add(sessionId);
    let starting = true;
    let released = false;
    // A start that hangs (until the reply timeout fails it) must not hold up every start behind it.
    const overdue = setTimeout(() => started(), STARTING_SLOT_MAX_MS);
    overdue.unref();
    const started = () => {
      if (!starting) return;
      starting = false;
      clearTimeout(overdue);
      this.startingHolders.delete(sessionId);
      this.admitWaiting();
    };
    return {
      started,
      release: () => {
        if (released) return;
        released = true;
        this.holders.delete(sessionId);
        started();
        this.admitWaiting();
      },
    };
  }

  private admitWaiting(): void {
    let admitted = false;
    while (this.waiting.length > 0 && this.hasRoom()) {
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

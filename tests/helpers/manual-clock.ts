import type { Clock } from '../../src/main/automation/clock';

/** A clock tests move by hand: timers fire (in due order) only when `advanceTo` passes their time. */
export class ManualClock implements Clock {
  private timers: Array<{ due: number; fn: () => void; seq: number }> = [];
  private seq = 0;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { due: this.time + ms, fn, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advanceTo(time: number): void {
    this.time = time;
    for (;;) {
      const due = this.timers.filter((t) => t.due <= time).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!due) return;
      this.timers = this.timers.filter((t) => t !== due);
      due.fn();
    }
  }

  get pending(): number {
    return this.timers.length;
  }
}

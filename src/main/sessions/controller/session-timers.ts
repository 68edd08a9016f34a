import type { Session } from '../../../shared/contract/sessions';
import type { AppSettings } from '../../../shared/contract/settings';

/**
 * A session's clocks: the running turn (its wall-time budget timer, and the time it adds to `runningMs`)
 * and the idle countdown after which a resumable agent hibernates.
 */
export class SessionTimers {
  private turn: { startedAt: number; budgetTimer: NodeJS.Timeout | null } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly session: Session,
    private readonly settings: () => AppSettings,
    /** The idle countdown ran out. */
    private readonly onIdle: () => void,
  ) {}

  get turnRunning(): boolean {
    return this.turn !== null;
  }

  /** Starts the turn clock; `wallTimeUp` runs if the session's wall-time budget (`limit` ms) runs out. */
  startTurn(wallTimeUp: (limit: number) => void): void {
    this.turn = { startedAt: Date.now(), budgetTimer: this.armWallBudget(wallTimeUp) };
  }

  /** Stops the turn clock and adds the turn's time to the session's `runningMs`. */
  closeTurn(): void {
    if (!this.turn) return;
    if (this.turn.budgetTimer) clearTimeout(this.turn.budgetTimer);
    this.session.runningMs += Date.now() - this.turn.startedAt;
    this.turn = null;
  }

  /** Clears the wall-time budget timer only, leaving the turn open. */
  clearWallBudget(): void {
    if (this.turn?.budgetTimer) clearTimeout(this.turn.budgetTimer);
  }

  armIdle(): void {
    this.clearIdle();
    const after = this.settings().idleHibernateMs;
    if (after === null || !this.session.canResume) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.onIdle();
    }, after);
  }

  clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private armWallBudget(wallTimeUp: (limit: number) => void): NodeJS.Timeout | null {
    const limit = this.settings().sessionBudget.wallTimeMs;
    if (limit === null) return null;
    const remaining = Math.max(0, limit - this.session.runningMs);
    return setTimeout(() => wallTimeUp(limit), remaining);
  }
}

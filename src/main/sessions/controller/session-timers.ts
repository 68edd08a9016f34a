import type { Session } from '../../../shared/contract/sessions';
import type { AppSettings } from '../../../shared/contract/settings';

/**
 * A session's clocks: the running turn (its wall-time budget timer, and the time it adds to `runningMs`)
 * and the idle countdown after which a resumable agent hibernates. Both read the settings when armed and
 * again on `settingsChanged`, so a changed limit reaches a turn or an idle agent that is already counting.
 */
export class SessionTimers {
  private turn: {
    startedAt: number;
    budgetTimer: NodeJS.Timeout | null;
    wallTimeUp: (limit: number) => void;
  } | null = null;
  /** When the agent became idle (null while not idle); the countdown runs from here. */
  private idleSince: number | null = null;
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
    const startedAt = Date.now();
    this.turn = { startedAt, wallTimeUp, budgetTimer: null };
    this.armWallBudget();
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
    if (this.turn) this.turn.budgetTimer = null;
  }

  /** The agent is idle from now: hibernate it after the idle time, if it can resume. */
  armIdle(): void {
    this.clearIdle();
    this.idleSince = Date.now();
    this.scheduleIdle();
  }

  clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.idleSince = null;
  }

  /** Re-arms running clocks with the current settings, counting from when each began. */
  settingsChanged(): void {
    if (this.idleSince !== null) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      this.scheduleIdle();
    }
    if (this.turn) {
      this.clearWallBudget();
      this.armWallBudget();
    }
  }

  private scheduleIdle(): void {
    const after = this.settings().idleHibernateMs;
    if (after === null || this.idleSince === null || !this.session.canResume) return;
    const remaining = Math.max(0, after - (Date.now() - this.idleSince));
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.idleSince = null;
      this.onIdle();
    }, remaining);
  }

  private armWallBudget(): void {
    const turn = this.turn;
    const limit = this.settings().sessionBudget.wallTimeMs;
    if (!turn || limit === null) return;
    const used = this.session.runningMs + (Date.now() - turn.startedAt);
    turn.budgetTimer = setTimeout(() => turn.wallTimeUp(limit), Math.max(0, limit - used));
  }
}

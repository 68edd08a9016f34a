import { randomUUID } from 'node:crypto';
import type { Schedule, ScheduleResult, ScheduleRunStatus } from '../../shared/contract/schedules';
import { err, ok, type Result } from '../../shared/lib/result';
import { templateVariables } from '../prompts/prompt-template';
import { WORKSPACE_VARIABLES } from '../prompts/prompt-variables';
import type { Problem } from '../rpc-errors';
import type { Db } from '../store/database';
import { type Clock, systemClock } from './clock';
import { isActive, problemText } from './prompt-delivery';
import { newScheduledWorkspace, type ScheduleRunDeps, sendScheduled } from './schedule-run';
import { checkScheduleTime, nextRunAfter } from './schedule-times';
import { type ScheduleRow, SchedulesRepository } from './schedules-repository';

export interface SchedulesDeps extends ScheduleRunDeps {
  db: Db;
  clock?: Clock;
}

export interface ScheduleFields {
  name: string;
  cron: string;
  timezone: string;
  prompt: string | null;
  quickAction: string | null;
  provider: string | null;
  runMissed: boolean;
  enabled: boolean;
}

/** Timers are re-armed at least this often, so a long wait never overflows a timer and a clock jump is seen. */
const MAX_TIMER_MS = 60 * 60_000;

/** A run in flight: creating its workspace (`sessionId` null), or its prompt in a session until the turn ends. */
interface InFlight {
  sessionId: string | null;
}

/**
 * Scheduled prompts: cron expressions in a time zone, per workspace or per project (a new workspace each run).
 * One timer per enabled schedule; a run never overlaps the schedule's previous one (it is skipped and recorded);
 * agents start with background priority; at start, a run missed while the app was closed runs once when the
 * schedule says so, and is recorded as missed otherwise.
 */
export class SchedulesService {
  private readonly repo: SchedulesRepository;
  private readonly clock: Clock;
  private readonly timers = new Map<string, () => void>();
  private readonly inFlight = new Map<string, InFlight>();
  private disposed = false;

  constructor(private readonly deps: SchedulesDeps) {
    this.repo = new SchedulesRepository(deps.db);
    this.clock = deps.clock ?? systemClock;
  }

  /** Applies the missed-run policy and arms every enabled schedule. */
  start(): void {
    const now = this.clock.now();
    for (const row of this.repo.list()) {
      if (!row.enabled) continue;
      const missed = nextRunAfter(row.cron, row.timezone, row.lastSlotAt.getTime());
      if (missed !== null && missed <= now) {
        const when = new Date(missed).toISOString();
        if (row.runMissed) {
          this.repo.update(row.id, { lastSlotAt: new Date(now) });
          void this.fire(row, now, `Ran at start for the run missed at ${when}`);
        } else {
          this.record(
            row.id,
            now,
            'MISSED',
            `Missed at ${when} while the app was closed; not run (the schedule skips missed runs)`,
          );
        }
      }
      this.arm(row.id);
    }
  }

  list(projectId?: string): Schedule[] {
    return this.repo.list(projectId).map((row) => this.entity(row));
  }

  create(
    input: ScheduleFields & { projectId: string; workspaceId: string | null },
  ): Result<Schedule, Problem> {
    if (!this.deps.projects.get(input.projectId))
      return err({ code: 'NOT_FOUND', entity: 'project', id: input.projectId });
    if (input.workspaceId) {
      const ws = this.deps.workspaces.get(input.workspaceId);
      if (!ws || ws.projectId !== input.projectId)
        return err({ code: 'NOT_FOUND', entity: 'workspace', id: input.workspaceId });
    }
    const invalid = this.check(input);
    if (invalid) return err(invalid);
    const row = this.repo.insert({ id: randomUUID(), ...input }, this.clock.now());
    this.arm(row.id);
    return ok(this.publish(row));
  }

  update(input: Partial<ScheduleFields> & { id: string }): Result<Schedule, Problem> {
    const row = this.repo.get(input.id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'schedule', id: input.id });
    const { id, ...patch } = input;
    const invalid = this.check({ ...row, ...patch });
    if (invalid) return err(invalid);
    // Re-enabling starts counting from now: the runs while it was off are not "missed".
    const reenabled = patch.enabled === true && !row.enabled;
    const updated = this.repo.update(id, {
      ...patch,
      ...(reenabled ? { lastSlotAt: new Date(this.clock.now()) } : {}),
    });
    if (!updated) return err({ code: 'NOT_FOUND', entity: 'schedule', id });
    this.arm(id);
    return ok(this.publish(updated));
  }

  remove(id: string): Result<{ id: string }, Problem> {
    const row = this.repo.get(id);
    if (!row || !this.repo.remove(id)) return err({ code: 'NOT_FOUND', entity: 'schedule', id });
    this.timers.get(id)?.();
    this.timers.delete(id);
    this.deps.events.publish({ type: 'schedule.removed', scheduleId: id, projectId: row.projectId });
    return ok({ id });
  }

  /** Runs a schedule now, outside its times. CONFLICT while its previous run is still going. */
  async runNow(id: string): Promise<Result<Schedule, Problem>> {
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'schedule', id });
    if (this.busy(id))
      return err({ code: 'CONFLICT', reason: 'The previous run of this schedule is still going' });
    await this.fire(row, null, 'Run by you');
    return ok(this.entity(this.repo.get(id) ?? row));
  }

  dispose(): void {
    this.disposed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private check(f: ScheduleFields): Problem | null {
    const time = checkScheduleTime(f.cron, f.timezone);
    if (!time.ok) return time.error;
    if (!f.prompt === !f.quickAction) {
      return { code: 'INVALID', field: 'prompt', reason: 'Give either a prompt or a quick action' };
    }
    if (f.prompt) {
      const used = templateVariables(f.prompt);
      if (!used.ok) return { code: 'INVALID', field: 'prompt', reason: used.reason };
      const unknown = used.variables.filter((v) => !(WORKSPACE_VARIABLES as readonly string[]).includes(v));
      if (unknown.length) {
        return {
          code: 'INVALID',
          field: 'prompt',
          reason: `Unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')} (known: ${WORKSPACE_VARIABLES.join(', ')})`,
        };
      }
    }
    return null;
  }

  private arm(id: string): void {
    this.timers.get(id)?.();
    this.timers.delete(id);
    const row = this.repo.get(id);
    if (!row?.enabled || this.disposed) return;
    const now = this.clock.now();
    const next = nextRunAfter(row.cron, row.timezone, Math.max(row.lastSlotAt.getTime(), now));
    if (next === null) return;
    const cancel = this.clock.setTimer(
      () => this.tick(id, next),
      Math.min(Math.max(0, next - now), MAX_TIMER_MS),
    );
    this.timers.set(id, cancel);
  }

  private tick(id: string, slot: number): void {
    this.timers.delete(id);
    const row = this.repo.get(id);
    if (!row?.enabled || this.disposed) return;
    if (this.clock.now() >= slot) {
      // The slot is taken before the run starts, so it is never run twice.
      this.repo.update(id, { lastSlotAt: new Date(slot) });
      void this.fire(row, slot, 'Sent');
    }
    this.arm(id);
  }

  /** True while the schedule's previous run has not finished (its workspace is being made, or its turn runs). */
  private busy(id: string): boolean {
    const flight = this.inFlight.get(id);
    if (!flight) return false;
    if (flight.sessionId === null) return true;
    const s = this.deps.sessions.get(flight.sessionId);
    const busy =
      !!s &&
      isActive(s) &&
      (s.status !== 'IDLE' ||
        s.queue.length > 0 ||
        s.process.state === 'waiting' ||
        s.process.state === 'starting');
    if (!busy) this.inFlight.delete(id);
    return busy;
  }

  private async fire(row: ScheduleRow, slot: number | null, what: string): Promise<void> {
    const at = slot ?? this.clock.now();
    if (this.busy(row.id)) {
      this.record(row.id, slot, 'SKIPPED', 'The previous run was still going', this.inFlight.get(row.id));
      return;
    }
    this.inFlight.set(row.id, { sessionId: null });
    let workspaceId = row.workspaceId;
    if (!workspaceId) {
      const made = await newScheduledWorkspace(this.deps, row, at);
      if (!made.ok) {
        this.inFlight.delete(row.id);
        this.record(row.id, slot, 'FAILED', made.error.reason, { sessionId: null }, made.error.workspaceId);
        return;
      }
      workspaceId = made.value.id;
    }
    const sent = await sendScheduled(this.deps, row, workspaceId);
    if (!sent.ok) {
      this.inFlight.delete(row.id);
      this.record(row.id, slot, 'FAILED', problemText(sent.error), { sessionId: null }, workspaceId);
      return;
    }
    this.inFlight.set(row.id, { sessionId: sent.value.sessionId });
    this.record(row.id, slot, 'STARTED', what, { sessionId: sent.value.sessionId }, workspaceId);
  }

  private record(
    id: string,
    slot: number | null,
    status: ScheduleRunStatus,
    message: string,
    flight: InFlight | undefined = undefined,
    workspaceId: string | null = null,
  ): void {
    if (this.disposed) return;
    const result: ScheduleResult = {
      at: this.clock.now(),
      status,
      message,
      workspaceId: workspaceId ?? this.repo.get(id)?.workspaceId ?? null,
      sessionId: flight?.sessionId ?? null,
    };
    const row =
      slot === null ? this.repo.update(id, { lastResult: result }) : this.repo.record(id, slot, result);
    if (row) this.publish(row);
    this.deps.logger.info(`Schedule ${id}: ${status.toLowerCase()}: ${message}`);
  }

  private entity(row: ScheduleRow): Schedule {
    const now = this.clock.now();
    return {
      id: row.id,
      projectId: row.projectId,
      workspaceId: row.workspaceId,
      name: row.name,
      cron: row.cron,
      timezone: row.timezone,
      prompt: row.prompt,
      quickAction: row.quickAction,
      provider: row.provider,
      runMissed: row.runMissed,
      enabled: row.enabled,
      nextRunAt: row.enabled
        ? nextRunAfter(row.cron, row.timezone, Math.max(row.lastSlotAt.getTime(), now))
        : null,
      lastResult: row.lastResult ?? null,
      createdAt: row.createdAt.getTime(),
    };
  }

  private publish(row: ScheduleRow): Schedule {
    const schedule = this.entity(row);
    this.deps.events.publish({ type: 'schedule.changed', schedule });
    return schedule;
  }
}

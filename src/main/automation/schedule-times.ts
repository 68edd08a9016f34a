import { Cron } from 'croner';
import { err, ok, type Result } from '../../shared/lib/result';

export type ScheduleTimeProblem = { code: 'INVALID'; field: 'cron' | 'timezone'; reason: string };

/** Checks a cron expression and an IANA time zone; the reason says what is wrong in words. */
export function checkScheduleTime(cron: string, timezone: string): Result<void, ScheduleTimeProblem> {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    return err({
      code: 'INVALID',
      field: 'timezone',
      reason: `Unknown time zone "${timezone}" (use an IANA name like Europe/Paris)`,
    });
  }
  let job: Cron;
  try {
    job = new Cron(cron, { timezone, paused: true });
  } catch (error) {
    return err({
      code: 'INVALID',
      field: 'cron',
      reason: `Invalid cron expression: ${(error as Error).message}`,
    });
  }
  if (job.nextRun() === null)
    return err({ code: 'INVALID', field: 'cron', reason: 'This cron expression never runs' });
  return ok(undefined);
}

/** The first time the schedule runs strictly after `after` (epoch ms), or null when it never runs again. */
export function nextRunAfter(cron: string, timezone: string, after: number): number | null {
  try {
    return new Cron(cron, { timezone, paused: true }).nextRun(new Date(after))?.getTime() ?? null;
  } catch {
    return null;
  }
}

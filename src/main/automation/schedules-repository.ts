import { desc, eq } from 'drizzle-orm';
import type { ScheduleResult } from '../../shared/contract/schedules';
import type { Db } from '../store/database';
import { schedules } from '../store/schema';

export type ScheduleRow = typeof schedules.$inferSelect;
export type ScheduleInsert = Omit<typeof schedules.$inferInsert, 'createdAt' | 'lastSlotAt' | 'lastResult'>;

/** The only writer of `schedules`. */
export class SchedulesRepository {
  constructor(private readonly db: Db) {}

  insert(values: ScheduleInsert, now: number): ScheduleRow {
    return this.db
      .insert(schedules)
      .values({ ...values, lastSlotAt: new Date(now), createdAt: new Date(now) })
      .returning()
      .get();
  }

  update(id: string, patch: Partial<Omit<ScheduleRow, 'id' | 'createdAt'>>): ScheduleRow | null {
    return this.db.update(schedules).set(patch).where(eq(schedules.id, id)).returning().get() ?? null;
  }

  /** Records a handled slot (run, skipped or missed) and its result. */
  record(id: string, slotAt: number, result: ScheduleResult): ScheduleRow | null {
    return this.update(id, { lastSlotAt: new Date(slotAt), lastResult: result });
  }

  get(id: string): ScheduleRow | null {
    return this.db.select().from(schedules).where(eq(schedules.id, id)).get() ?? null;
  }

  list(projectId?: string): ScheduleRow[] {
    const q = this.db.select().from(schedules);
    return (projectId ? q.where(eq(schedules.projectId, projectId)) : q)
      .orderBy(desc(schedules.createdAt))
      .all();
  }

  remove(id: string): boolean {
    return this.db.delete(schedules).where(eq(schedules.id, id)).run().changes > 0;
  }
}

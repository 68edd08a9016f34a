import { desc, eq } from 'drizzle-orm';
import type { IterateLoop } from '../../shared/contract/iterate';
import type { Db } from '../store/database';
import { iterateLoops } from '../store/schema';

type Row = typeof iterateLoops.$inferSelect;

function toLoop(row: Row): IterateLoop {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    sessionId: row.sessionId,
    goal: row.goal,
    command: row.command,
    maxIterations: row.maxIterations,
    timeoutMs: row.timeoutMs,
    iteration: row.iteration,
    phase: row.phase,
    status: row.status,
    reason: row.reason,
    lastCheck: row.lastCheck ?? null,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

/** The only writer of `iterate_loops`. */
export class IterateRepository {
  constructor(private readonly db: Db) {}

  insert(loop: Omit<IterateLoop, 'createdAt' | 'updatedAt'>): IterateLoop {
    const now = new Date();
    return toLoop(
      this.db
        .insert(iterateLoops)
        .values({ ...loop, createdAt: now, updatedAt: now })
        .returning()
        .get(),
    );
  }

  /** Stores a change; null when the loop is gone (its workspace or session was deleted). */
  update(
    id: string,
    patch: Partial<Pick<IterateLoop, 'iteration' | 'phase' | 'status' | 'reason' | 'lastCheck'>>,
  ) {
    const row = this.db
      .update(iterateLoops)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(iterateLoops.id, id))
      .returning()
      .get();
    return row ? toLoop(row) : null;
  }

  get(id: string): IterateLoop | null {
    const row = this.db.select().from(iterateLoops).where(eq(iterateLoops.id, id)).get();
    return row ? toLoop(row) : null;
  }

  list(filter: { workspaceId?: string; status?: IterateLoop['status'] }): IterateLoop[] {
    const rows = filter.workspaceId
      ? this.db.select().from(iterateLoops).where(eq(iterateLoops.workspaceId, filter.workspaceId))
      : this.db.select().from(iterateLoops);
    return rows
      .orderBy(desc(iterateLoops.createdAt))
      .all()
      .map(toLoop)
      .filter((l) => !filter.status || l.status === filter.status);
  }
}

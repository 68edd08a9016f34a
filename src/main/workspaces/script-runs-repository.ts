import { desc, eq } from 'drizzle-orm';
import type { ScriptKind, ScriptRun } from '../../shared/contract/workspaces';
import type { Db } from '../store/database';
import { scriptRuns } from '../store/schema';

type ScriptRunRow = typeof scriptRuns.$inferSelect;

function toScriptRun(row: ScriptRunRow): ScriptRun {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    command: row.command,
    status: row.status,
    exitCode: row.exitCode,
    truncated: row.truncated,
    startedAt: row.startedAt.getTime(),
    endedAt: row.endedAt?.getTime() ?? null,
  };
}

/** The only writer of the `script_runs` table. */
export class ScriptRunsRepository {
  constructor(private readonly db: Db) {}

  start(input: { id: string; workspaceId: string; kind: ScriptKind; command: string }): ScriptRun {
    const row = this.db
      .insert(scriptRuns)
      .values({ ...input, status: 'RUNNING', startedAt: new Date() })
      .returning()
      .get();
    return toScriptRun(row);
  }

  /** Stores the (already capped) output so far. */
  saveOutput(id: string, output: string, truncated: boolean): void {
    this.db.update(scriptRuns).set({ output, truncated }).where(eq(scriptRuns.id, id)).run();
  }

  finish(
    id: string,
    result: { status: ScriptRun['status']; exitCode: number | null; output: string; truncated: boolean },
  ): ScriptRun | null {
    const row = this.db
      .update(scriptRuns)
      .set({ ...result, endedAt: new Date() })
      .where(eq(scriptRuns.id, id))
      .returning()
      .get();
    return row ? toScriptRun(row) : null;
  }

  /**
   * Marks runs a previous core left RUNNING as INTERRUPTED: it died without seeing them end (a core that
   * shuts down records its stopped runs STOPPED), so their outcome is unknown.
   */
  interruptOrphans(): number {
    return this.db
      .update(scriptRuns)
      .set({ status: 'INTERRUPTED', endedAt: new Date() })
      .where(eq(scriptRuns.status, 'RUNNING'))
      .run().changes;
  }

  list(workspaceId: string): ScriptRun[] {
    return this.db
      .select()
      .from(scriptRuns)
      .where(eq(scriptRuns.workspaceId, workspaceId))
      .orderBy(desc(scriptRuns.startedAt))
      .all()
      .map(toScriptRun);
  }

  getWithOutput(id: string): { run: ScriptRun; output: string } | null {
    const row = this.db.select().from(scriptRuns).where(eq(scriptRuns.id, id)).get();
    return row ? { run: toScriptRun(row), output: row.output } : null;
  }
}

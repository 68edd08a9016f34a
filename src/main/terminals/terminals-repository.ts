import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TerminalKind, TerminalStatus } from '../../shared/contract/terminals';
import type { Db } from '../store/database';
import { terminals } from '../store/schema';

export type TerminalRow = typeof terminals.$inferSelect;

export interface NewTerminal {
  id: string;
  workspaceId: string;
  title: string;
  kind: TerminalKind;
  cwd: string;
  pid: number;
}

/** The only writer of the `terminals` table. Closed terminals keep their row with `closedAt` set. */
export class TerminalsRepository {
  constructor(private readonly db: Db) {}

  insert(input: NewTerminal): TerminalRow {
    return this.db
      .insert(terminals)
      .values({ ...input, status: 'RUNNING' satisfies TerminalStatus, createdAt: new Date() })
      .returning()
      .get();
  }

  /** An open (not closed) terminal. */
  get(id: string): TerminalRow | null {
    return (
      this.db
        .select()
        .from(terminals)
        .where(and(eq(terminals.id, id), isNull(terminals.closedAt)))
        .get() ?? null
    );
  }

  listOpen(workspaceId: string): TerminalRow[] {
    return this.db
      .select()
      .from(terminals)
      .where(and(eq(terminals.workspaceId, workspaceId), isNull(terminals.closedAt)))
      .orderBy(asc(terminals.createdAt))
      .all();
  }

  /** Terminals recorded RUNNING (after a restart: left behind by the previous core). */
  listRunning(): TerminalRow[] {
    return this.db
      .select()
      .from(terminals)
      .where(and(eq(terminals.status, 'RUNNING'), isNull(terminals.closedAt)))
      .all();
  }

  rename(id: string, title: string): TerminalRow | null {
    return this.update(id, { title });
  }

  markExited(id: string, exitCode: number | null): TerminalRow | null {
    return this.update(id, { status: 'EXITED' satisfies TerminalStatus, exitCode, pid: null });
  }

  markClosed(id: string): void {
    this.db.update(terminals).set({ closedAt: new Date() }).where(eq(terminals.id, id)).run();
  }

  private update(id: string, patch: Partial<TerminalRow>): TerminalRow | null {
    return (
      this.db
        .update(terminals)
        .set(patch)
        .where(and(eq(terminals.id, id), isNull(terminals.closedAt)))
        .returning()
        .get() ?? null
    );
  }
}

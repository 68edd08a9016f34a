import { and, asc, desc, eq, gt, gte, lt, lte, max, sql } from 'drizzle-orm';
import type { SessionLogEntry, SessionLogKind } from '../../shared/contract/sessions';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';
import { sessionLog } from '../store/schema';

const CHUNK_UPDATES = new Set(['agent_message_chunk', 'agent_thought_chunk', 'user_message_chunk']);

interface ChunkPayload {
  sessionUpdate: string;
  content: { type: string; text?: string };
  messageId?: string | null;
}

/**
 * Appends to every session's log. Entries wait a few milliseconds in memory, where consecutive text chunks
 * of one message are coalesced, then are written in one transaction and only then pushed as `session.log`
 * events: whatever a client has seen is on disk. `flush()` runs on the timer, at turn ends and at shutdown.
 */
export class SessionLogWriter {
  private pending: SessionLogEntry[] = [];
  /** The last pending entry per session, the only one a new chunk may coalesce into. */
  private readonly tail = new Map<string, SessionLogEntry>();
  private readonly lastSeq = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  // Prepared once: building a drizzle query on every flush cost more than the SQLite work itself (bench/agent-stream).
  private readonly insertEntry;
  private readonly selectLastSeq;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly flushDelayMs = 5,
  ) {
    this.insertEntry = db
      .insert(sessionLog)
      .values({
        sessionId: sql.placeholder('sessionId'),
        seq: sql.placeholder('seq'),
        kind: sql.placeholder('kind'),
        payload: sql.placeholder('payload'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare();
    this.selectLastSeq = db
      .select({ last: max(sessionLog.seq) })
      .from(sessionLog)
      .where(eq(sessionLog.sessionId, sql.placeholder('sessionId')))
      .prepare();
  }

  append(sessionId: string, kind: SessionLogKind, payload: unknown, at = Date.now()): void {
    if (this.disposed) return;
    const tail = this.tail.get(sessionId);
    if (kind === 'update' && tail && tail.kind === 'update' && coalesce(tail, payload)) return;
    const entry: SessionLogEntry = { sessionId, seq: this.nextSeq(sessionId), kind, payload, at };
    this.pending.push(entry);
    this.tail.set(sessionId, entry);
    this.timer ??= setTimeout(() => this.flush(), this.flushDelayMs);
  }

  /** Writes and pushes everything pending, now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.tail.clear();
    const written = this.write(batch);
    for (const entry of written) this.events.publish({ type: 'session.log', entry });
  }

  /** Stored entries with seq > afterSeq (pending ones are flushed first, so the page is current). */
  page(sessionId: string, afterSeq: number, limit: number): { entries: SessionLogEntry[]; hasMore: boolean } {
    this.flush();
    const rows = this.db
      .select()
      .from(sessionLog)
      .where(and(eq(sessionLog.sessionId, sessionId), gt(sessionLog.seq, afterSeq)))
      .orderBy(asc(sessionLog.seq))
      .limit(limit + 1)
      .all();
    return { entries: rows.slice(0, limit).map(toEntry), hasMore: rows.length > limit };
  }

  /**
   * Whole turns before `beforeSeq` (the whole log when null): at least `minEntries` entries when there are that
   * many, starting at the `prompt` entry of the turn the page would otherwise begin in (at the log's start for
   * the first turn). Messages, tool calls and permission questions live within one turn, so a page
   * never splits them.
   */
  turnsBefore(
    sessionId: string,
    beforeSeq: number | null,
    minEntries: number,
  ): { entries: SessionLogEntry[]; hasOlder: boolean } {
    this.flush();
    const end = beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const ofSession = eq(sessionLog.sessionId, sessionId);
    const candidate = this.db
      .select({ seq: sessionLog.seq })
      .from(sessionLog)
      .where(and(ofSession, lt(sessionLog.seq, end)))
      .orderBy(desc(sessionLog.seq))
      .limit(1)
      .offset(minEntries - 1)
      .get()?.seq;
    const promptAtOrBefore = (seq: number) =>
      this.db
        .select({ seq: max(sessionLog.seq) })
        .from(sessionLog)
        .where(and(ofSession, eq(sessionLog.kind, 'prompt'), lte(sessionLog.seq, seq)))
        .get()?.seq ?? null;
    const turnStart = candidate === undefined ? null : promptAtOrBefore(candidate);
    // The first turn's page also holds what came before the first prompt (the session's start).
    const start = turnStart !== null && promptAtOrBefore(turnStart - 1) !== null ? turnStart : 0;
    const rows = this.db
      .select()
      .from(sessionLog)
      .where(and(ofSession, gte(sessionLog.seq, start), lt(sessionLog.seq, end)))
      .orderBy(asc(sessionLog.seq))
      .all();
    // A start after 0 is a prompt with an earlier prompt before it.
    return { entries: rows.map(toEntry), hasOlder: start > 0 };
  }

  lastSeqOf(sessionId: string): number {
    this.flush();
    return this.storedLastSeq(sessionId);
  }

  /** Drops what is pending for a session being deleted, and its sequence. */
  forget(sessionId: string): void {
    this.pending = this.pending.filter((e) => e.sessionId !== sessionId);
    this.tail.delete(sessionId);
    this.lastSeq.delete(sessionId);
  }

  /** Flushes and stops accepting entries. */
  dispose(): void {
    this.flush();
    this.disposed = true;
  }

  private nextSeq(sessionId: string): number {
    const seq = (this.lastSeq.get(sessionId) ?? this.storedLastSeq(sessionId)) + 1;
    this.lastSeq.set(sessionId, seq);
    return seq;
  }

  private storedLastSeq(sessionId: string): number {
    return this.selectLastSeq.get({ sessionId })?.last ?? 0;
  }

  private write(batch: SessionLogEntry[]): SessionLogEntry[] {
    const rows = batch.map((e) => ({
      sessionId: e.sessionId,
      seq: e.seq,
      kind: e.kind,
      payload: e.payload ?? null,
      createdAt: new Date(e.at),
    }));
    try {
      this.db.transaction(() => {
        for (const row of rows) this.insertEntry.run(row);
      });
      return batch;
    } catch (error) {
      // One bad row (e.g. its session was deleted) must not lose the others: retry one by one.
      this.logger.warn('Session log batch failed; writing entries one by one', error);
      const written: SessionLogEntry[] = [];
      rows.forEach((row, i) => {
        try {
          this.insertEntry.run(row);
          written.push(batch[i] as SessionLogEntry);
        } catch (rowError) {
          this.logger.warn(`Dropped a log entry of session ${row.sessionId}`, rowError);
        }
      });
      return written;
    }
  }
}

function toEntry(r: typeof sessionLog.$inferSelect): SessionLogEntry {
  return { sessionId: r.sessionId, seq: r.seq, kind: r.kind, payload: r.payload, at: r.createdAt.getTime() };
}

/** Merges a text chunk into the pending entry when both are text of the same stream and message. */
function coalesce(tail: SessionLogEntry, payload: unknown): boolean {
  const prev = tail.payload as ChunkPayload;
  const next = payload as ChunkPayload;
  if (!CHUNK_UPDATES.has(next?.sessionUpdate) || prev.sessionUpdate !== next.sessionUpdate) return false;
  if (prev.content?.type !== 'text' || next.content?.type !== 'text') return false;
  if ((prev.messageId ?? null) !== (next.messageId ?? null)) return false;
  tail.payload = {
    ...prev,
    content: { ...prev.content, text: (prev.content.text ?? '') + (next.content.text ?? '') },
  };
  return true;
}

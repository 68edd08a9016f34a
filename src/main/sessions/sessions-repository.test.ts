import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/contract/events';
import type { SessionLogKind } from '../../shared/contract/sessions';
import { buildTranscript } from '../../shared/lib/transcript';
import { EventBus } from '../events/event-bus';
import { createMemoryLogger } from '../logging/logger';
import { type OpenedDatabase, openDatabase } from '../store/database';
import { projects, workspaces } from '../store/schema';
import { SessionLogWriter } from './session-log-writer';
import { SessionsRepository } from './sessions-repository';

let dir: string;
let opened: OpenedDatabase;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ff-sessions-repo-'));
  const result = await openDatabase(path.join(dir, 'ff.db'));
  if (!result.ok) throw new Error(result.error.message);
  opened = result.value;
  opened.db.insert(projects).values({ id: 'p1', name: 'p', path: dir, defaultBranch: 'main' }).run();
  opened.db
    .insert(workspaces)
    .values({ id: 'w1', projectId: 'p1', name: 'w', branch: 'b', baseBranch: 'main', worktreePath: dir })
    .run();
});

afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SessionsRepository.save (prepared statement)', () => {
  it('round-trips every saved field, keeping absent values as SQL NULL', () => {
    const repo = new SessionsRepository(opened.db);
    const record = repo.insert({
      id: 's1',
      workspaceId: 'w1',
      title: 'first',
      provider: 'claude',
      permissionPreset: 'RELAXED',
    });
    const raw = () =>
      opened.sqlite
        .prepare('SELECT usage, agent_capabilities, last_activity_at, pid FROM sessions WHERE id = ?')
        .get('s1');
    repo.save(record);
    expect(raw()).toEqual({ usage: null, agent_capabilities: null, last_activity_at: null, pid: null });

    const s = record.session;
    s.title = 'renamed';
    s.status = 'RUNNING';
    s.statusReason = 'why';
    s.agentSessionId = 'agent-1';
    s.usage = { used: 10, size: 100 } as typeof s.usage;
    s.modes = { currentModeId: 'code', available: [{ id: 'code', name: 'Code', description: null }] };
    s.queue = [{ id: 'q1', text: 'next', mentions: ['a.ts'], createdAt: 5 }];
    s.queueHeld = true;
    s.lastActivityAt = 1_700_000_000_123;
    s.updatedAt = 1_700_000_000_456;
    record.capabilities = { loadSession: true };
    record.pid = 42;
    record.pgid = 42;
    record.extras.alwaysAllowed = ['edit'];
    repo.save(record);

    const back = repo.get('s1')!;
    expect(back.session).toMatchObject({
      title: 'renamed',
      status: 'RUNNING',
      statusReason: 'why',
      agentSessionId: 'agent-1',
      usage: { used: 10, size: 100 },
      modes: s.modes,
      queue: s.queue,
      queueHeld: true,
      lastActivityAt: 1_700_000_000_123,
      updatedAt: 1_700_000_000_456,
    });
    expect(back).toMatchObject({ pid: 42, pgid: 42, capabilities: { loadSession: true } });
    expect(back.extras.alwaysAllowed).toEqual(['edit']);
  });
});

/** The session row log entries belong to. */
function insertSession(): void {
  new SessionsRepository(opened.db).insert({
    id: 's1',
    workspaceId: 'w1',
    title: 't',
    provider: 'claude',
    permissionPreset: 'RELAXED',
  });
}

describe('SessionLogWriter (prepared statements)', () => {
  it('writes coalesced entries with increasing seq, then publishes them, and pages them back', () => {
    insertSession();
    const events = new EventBus();
    const published: DomainEvent[] = [];
    events.on((event) => published.push(event));
    const log = new SessionLogWriter(opened.db, events, createMemoryLogger());
    const chunk = (text: string) => ({
      sessionUpdate: 'agent_message_chunk',
      content: { type: 'text', text },
    });
    log.append('s1', 'prompt', { prompt: [{ type: 'text', text: 'go' }] }, 1000);
    log.append('s1', 'update', chunk('a'), 1001);
    log.append('s1', 'update', chunk('b'), 1002);
    expect(published).toEqual([]);
    log.flush();
    expect(published.map((e) => (e.type === 'session.log' ? e.entry.seq : null))).toEqual([1, 2]);

    const { entries, hasMore } = log.page('s1', 0, 10);
    expect(hasMore).toBe(false);
    expect(entries.map((e) => [e.seq, e.kind, e.at])).toEqual([
      [1, 'prompt', 1000],
      [2, 'update', 1001],
    ]);
    expect(entries[1]!.payload).toEqual(chunk('ab'));

    // A new writer (a restarted core) continues the sequence from what is stored.
    const again = new SessionLogWriter(opened.db, events, createMemoryLogger());
    again.append('s1', 'status', { status: 'IDLE' });
    expect(again.lastSeqOf('s1')).toBe(3);
  });
});

describe('SessionLogWriter.turnsBefore (pages backwards by whole turns)', () => {
  it('never starts a page inside a message or a tool call, however the entry count falls', () => {
    insertSession();
    const log = new SessionLogWriter(opened.db, new EventBus(), createMemoryLogger());
    // Flushing after every append stores each chunk as its own entry, as a slow stream does.
    const add = (kind: SessionLogKind, payload: unknown) => {
      log.append('s1', kind, payload);
      log.flush();
    };
    const chunk = (text: string) => ({
      sessionUpdate: 'agent_message_chunk',
      content: { type: 'text', text },
    });
    const turn = (question: string, words: number) => {
      add('prompt', { prompt: [{ type: 'text', text: question }] });
      add('update', { sessionUpdate: 'tool_call', toolCallId: question, title: `Run ${question}` });
      add('update', chunk(`Start of the ${question} answer.`));
      for (let i = 0; i < words; i++) add('update', chunk(` w${i}`));
      add('update', { sessionUpdate: 'tool_call_update', toolCallId: question, status: 'completed' });
      add('status', { status: 'IDLE', stopReason: 'end_turn' });
    };
    add('system', { text: 'Session started.' });
    turn('first', 10);
    turn('second', 40);
    turn('third', 150);
    const all = log.page('s1', 0, 1000).entries;

    // 60 entries back from the end falls inside the third answer: the page starts at its prompt instead.
    const tail = log.turnsBefore('s1', null, 60);
    expect(tail.entries[0]).toMatchObject({ kind: 'prompt', payload: { prompt: [{ text: 'third' }] } });
    expect(tail.entries.at(-1)?.seq).toBe(all.at(-1)?.seq);
    expect(tail.hasOlder).toBe(true);
    const built = buildTranscript(tail.entries).items;
    expect(built.find((i) => i.kind === 'agent_message')).toMatchObject({
      text: expect.stringMatching(/^Start of the third answer\. w0 w1/),
    });
    expect(built.find((i) => i.kind === 'tool_call')).toMatchObject({
      title: 'Run third',
      status: 'completed',
    });
    // What the page shows is exactly what the whole log shows from that entry on.
    const whole = buildTranscript(all).items;
    expect(built).toEqual(whole.filter((i) => i.seq >= tail.entries[0]!.seq));

    // Earlier pages continue backwards, each whole turns, down to the entries before the first prompt.
    const second = log.turnsBefore('s1', tail.entries[0]!.seq, 5);
    expect(second.entries[0]).toMatchObject({ kind: 'prompt', payload: { prompt: [{ text: 'second' }] } });
    expect(second.hasOlder).toBe(true);
    const first = log.turnsBefore('s1', second.entries[0]!.seq, 5);
    expect(first.entries[0]).toMatchObject({ seq: 1, kind: 'system' });
    expect(first.hasOlder).toBe(false);
    expect([...first.entries, ...second.entries, ...tail.entries]).toEqual(all);

    // A log shorter than asked for comes whole; an empty one comes empty.
    expect(log.turnsBefore('s1', null, 5000)).toEqual({ entries: all, hasOlder: false });
    expect(log.turnsBefore('other', null, 60)).toEqual({ entries: [], hasOlder: false });
  });
});

import type { SessionUpdate } from '@agentclientprotocol/sdk';
import { describe, expect, it } from 'vitest';
import { applyLogEntry, buildTranscript, createTranscript, type TranscriptLogEntry } from './transcript';

let seq = 0;
function entry(kind: string, payload: unknown, at = 1000): TranscriptLogEntry {
  seq += 1;
  return { sessionId: 's1', seq, kind, payload, at };
}
const update = (u: SessionUpdate) => entry('update', u);
const agentText = (text: string, messageId?: string): TranscriptLogEntry =>
  update({
    sessionUpdate: 'agent_message_chunk',
    content: { type: 'text', text },
    messageId: messageId ?? null,
  });

describe('transcript', () => {
  it('turns a prompt into a user item with its text and attachments', () => {
    const t = buildTranscript([
      entry('prompt', {
        prompt: [
          { type: 'text', text: 'fix ' },
          { type: 'text', text: 'the bug' },
          { type: 'resource_link', name: 'a.ts', uri: 'file:///w/a.ts' },
        ],
      }),
      entry('prompt', { text: 'plain' }),
    ]);
    expect(t.items.map((i) => i.kind)).toEqual(['user', 'user']);
    expect(t.items[0]).toMatchObject({ text: 'fix the bug', attachments: ['a.ts'] });
    expect(t.items[1]).toMatchObject({ text: 'plain' });
  });

  it('coalesces consecutive agent chunks into one message and splits on a new messageId', () => {
    const t = buildTranscript([
      agentText('Hel'),
      agentText('lo'),
      agentText(' world', 'm2'),
      agentText('!', 'm3'),
    ]);
    expect(t.items.map((i) => (i.kind === 'agent_message' ? i.text : i.kind))).toEqual(['Hello world', '!']);
  });

  it('keeps thoughts apart from the message that follows them', () => {
    const t = buildTranscript([
      update({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: 'think' } }),
      update({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: 'ing' } }),
      agentText('answer'),
    ]);
    expect(t.items).toMatchObject([
      { kind: 'thought', text: 'thinking' },
      { kind: 'agent_message', text: 'answer' },
    ]);
  });

  it('does not merge agent text across a tool call', () => {
    const t = buildTranscript([
      agentText('before'),
      update({ sessionUpdate: 'tool_call', toolCallId: 't1', title: 'Read a.ts', kind: 'read' }),
      agentText('after'),
    ]);
    expect(t.items.map((i) => i.kind)).toEqual(['agent_message', 'tool_call', 'agent_message']);
  });

  it('is idempotent on duplicate and older seqs', () => {
    const t = createTranscript();
    const a = agentText('once');
    applyLogEntry(t, a);
    const version = t.version;
    applyLogEntry(t, a);
    applyLogEntry(t, { ...a, seq: a.seq - 1 });
    expect(t.items).toHaveLength(1);
    expect(t.items[0]).toMatchObject({ text: 'once' });
    expect(t.version).toBe(version);
  });

  it('merges tool call updates into the tool call: status, content, diffs and terminal refs', () => {
    const t = buildTranscript([
      update({
        sessionUpdate: 'tool_call',
        toolCallId: 't1',
        title: 'Edit a.ts',
        kind: 'edit',
        status: 'pending',
      }),
      update({ sessionUpdate: 'tool_call_update', toolCallId: 't1', status: 'in_progress' }),
      update({
        sessionUpdate: 'tool_call_update',
        toolCallId: 't1',
        status: 'completed',
        content: [
          { type: 'diff', path: '/w/a.ts', oldText: 'a', newText: 'b' },
          { type: 'terminal', terminalId: 'term-1' },
          { type: 'content', content: { type: 'text', text: 'ok' } },
        ],
        rawOutput: { exitCode: 0 },
      }),
    ]);
    expect(t.items).toHaveLength(1);
    expect(t.items[0]).toMatchObject({
      kind: 'tool_call',
      title: 'Edit a.ts',
      toolKind: 'edit',
      status: 'completed',
      rawOutput: { exitCode: 0 },
      content: [
        { type: 'diff', path: '/w/a.ts', oldText: 'a', newText: 'b' },
        { type: 'terminal', terminalId: 'term-1' },
        { type: 'text', text: 'ok' },
      ],
    });
  });

  it('creates a tool call from an update for an unknown id', () => {
    const t = buildTranscript([
      update({ sessionUpdate: 'tool_call_update', toolCallId: 'x', status: 'failed' }),
    ]);
    expect(t.items[0]).toMatchObject({
      kind: 'tool_call',
      toolCallId: 'x',
      status: 'failed',
      title: 'Tool call',
    });
  });

  it('replaces a changed item by a new object and leaves the others untouched', () => {
    const t = buildTranscript([
      agentText('a'),
      update({ sessionUpdate: 'tool_call', toolCallId: 't1', title: 'Run', kind: 'execute' }),
    ]);
    const [message, tool] = t.items;
    applyLogEntry(t, update({ sessionUpdate: 'tool_call_update', toolCallId: 't1', status: 'completed' }));
    expect(t.items[0]).toBe(message);
    expect(t.items[1]).not.toBe(tool);
    expect(tool).toMatchObject({ status: 'pending' });
  });

  it('keeps one plan per turn, replaced by each plan update, and starts a new one after a prompt', () => {
    const plan = (status: 'pending' | 'completed') =>
      update({ sessionUpdate: 'plan', entries: [{ content: 'step', priority: 'high', status }] });
    const t = buildTranscript([
      entry('prompt', { text: 'go' }),
      plan('pending'),
      agentText('working'),
      plan('completed'),
      entry('prompt', { text: 'again' }),
      plan('pending'),
    ]);
    expect(t.items.map((i) => i.kind)).toEqual(['user', 'plan', 'agent_message', 'user', 'plan']);
    expect(t.items[1]).toMatchObject({ entries: [{ status: 'completed' }] });
    expect(t.items[4]).toMatchObject({ entries: [{ status: 'pending' }] });
  });

  it('records a permission request and its decision by request id', () => {
    const options = [
      { optionId: 'allow', name: 'Allow', kind: 'allow_once' },
      { optionId: 'allow_always', name: 'Always', kind: 'allow_always' },
      { optionId: 'reject', name: 'Reject', kind: 'reject_once' },
    ];
    const t = buildTranscript([
      update({ sessionUpdate: 'tool_call', toolCallId: 't1', title: 'Write b.ts', kind: 'edit' }),
      entry('permission_request', { requestId: 'r1', toolCall: { toolCallId: 't1' }, options }),
      entry('permission_decision', {
        requestId: 'r1',
        outcome: { outcome: 'selected', optionId: 'allow_always' },
        by: 'user',
      }),
    ]);
    expect(t.items[1]).toMatchObject({
      kind: 'permission',
      requestId: 'r1',
      title: 'Write b.ts',
      decision: { outcome: 'selected', optionId: 'allow_always', optionKind: 'allow_always', by: 'user' },
    });
  });

  it('takes the decision kind from the payload when the option is unknown (a preset decided)', () => {
    const t = buildTranscript([
      entry('permission_request', {
        requestId: 'r9',
        toolCall: { toolCallId: 'a', title: 'A' },
        options: [],
      }),
      entry('permission_decision', {
        requestId: 'r9',
        outcome: { outcome: 'selected', optionId: 'approved' },
        decision: 'allow_once',
        by: 'preset',
      }),
    ]);
    expect(t.items[0]).toMatchObject({ decision: { optionKind: 'allow_once', by: 'preset' } });
  });

  it('applies a decision without a request id to the latest undecided request, and records cancellation', () => {
    const t = buildTranscript([
      entry('permission_request', { toolCall: { toolCallId: 'a', title: 'A' }, options: [] }),
      entry('permission_decision', { outcome: 'cancelled' }),
    ]);
    expect(t.items[0]).toMatchObject({ decision: { outcome: 'cancelled', optionId: null } });
  });

  it('marks auth failures (-32000) so the UI can show a sign-in hint', () => {
    const t = buildTranscript([
      entry('error', { message: 'Authentication required', code: -32000 }),
      entry('error', { message: 'Sign in with claude /login', code: null, kind: 'NOT_SIGNED_IN' }),
      entry('error', { message: 'boom', code: 1, kind: 'CRASHED' }),
    ]);
    expect(t.items).toMatchObject([
      { kind: 'error', authRequired: true, code: -32000 },
      { kind: 'error', authRequired: true, errorKind: 'NOT_SIGNED_IN' },
      { kind: 'error', authRequired: false, message: 'boom', errorKind: 'CRASHED' },
    ]);
  });

  it('tracks session meta: commands, mode, config options, title, usage, status', () => {
    const t = buildTranscript([
      update({
        sessionUpdate: 'available_commands_update',
        availableCommands: [{ name: 'init', description: 'd' }],
      }),
      update({ sessionUpdate: 'current_mode_update', currentModeId: 'plan' }),
      update({
        sessionUpdate: 'config_option_update',
        configOptions: [{ id: 'model', name: 'Model', type: 'select', currentValue: 'a', options: [] }],
      }),
      update({ sessionUpdate: 'session_info_update', title: 'Fix bug' }),
      update({ sessionUpdate: 'usage_update', used: 10, size: 100 }),
      entry('status', { status: 'RUNNING' }),
    ]);
    expect(t.commands.map((c) => c.name)).toEqual(['init']);
    expect(t.currentModeId).toBe('plan');
    expect(t.configOptions[0]?.id).toBe('model');
    expect(t.title).toBe('Fix bug');
    expect(t.usage).toEqual({ used: 10, size: 100, cost: null });
    expect(t.status).toBe('RUNNING');
    expect(t.items).toHaveLength(0);
  });

  it('words a turn end by its cause, and says nothing for a completed turn', () => {
    const t = buildTranscript([
      entry('status', { status: 'IDLE', stopReason: 'end_turn', cause: 'completed' }),
      entry('status', { status: 'IDLE', stopReason: 'cancelled', cause: 'stopped_by_user' }),
      entry('status', {
        status: 'IDLE',
        stopReason: 'cancelled',
        cause: 'permission_declined',
        declined: 'Run npm test',
      }),
      entry('status', { status: 'IDLE', stopReason: 'cancelled', cause: 'cancelled' }),
      entry('status', { status: 'IDLE', stopReason: null, cause: 'agent_error', message: 'rate limited' }),
      entry('status', { status: 'STOPPED', stopReason: null, cause: 'agent_stopped' }),
      entry('status', { status: 'IDLE', stopReason: 'max_tokens', cause: 'max_tokens' }),
      entry('status', { status: 'IDLE', stopReason: 'refusal', cause: 'refusal' }),
    ]);
    expect(t.items.map((i) => (i.kind === 'notice' ? [i.severity, i.text] : i.kind))).toEqual([
      ['info', 'You stopped the turn.'],
      ['info', 'Stopped after you declined “Run npm test”.'],
      ['info', 'The agent cancelled the turn.'],
      ['error', 'The agent failed: rate limited'],
      ['info', 'The agent was stopped before the turn ended.'],
      ['warning', 'The agent hit its token limit.'],
      ['warning', 'The agent refused to continue.'],
    ]);
  });

  it('words turn ends logged before causes were recorded by their stop reason', () => {
    const t = buildTranscript([
      entry('status', { status: 'IDLE', stopReason: 'end_turn' }),
      entry('status', { status: 'IDLE', stopReason: 'cancelled' }),
      entry('error', { message: 'boom', code: 1, kind: 'AGENT_ERROR' }),
      entry('status', { status: 'IDLE', stopReason: 'error' }),
    ]);
    expect(t.items).toMatchObject([
      { kind: 'notice', text: 'The turn was cancelled.' },
      { kind: 'error', message: 'boom' },
    ]);
    expect(t.items).toHaveLength(2);
  });

  it('marks tool calls still pending or running at the turn end as not run, and leaves finished ones', () => {
    const t = buildTranscript([
      update({ sessionUpdate: 'tool_call', toolCallId: 'read', title: 'Read', status: 'in_progress' }),
      update({ sessionUpdate: 'tool_call_update', toolCallId: 'read', status: 'completed' }),
      update({ sessionUpdate: 'tool_call', toolCallId: 'run', title: 'Run npm test', status: 'in_progress' }),
      update({ sessionUpdate: 'tool_call', toolCallId: 'edit', title: 'Edit', status: 'pending' }),
      update({ sessionUpdate: 'tool_call', toolCallId: 'bad', title: 'Bad', status: 'failed' }),
      entry('permission_request', {
        requestId: 'r1',
        toolCall: { toolCallId: 'run' },
        options: [{ optionId: 'reject', name: 'Reject', kind: 'reject_once' }],
      }),
      entry('permission_decision', {
        requestId: 'r1',
        outcome: { outcome: 'selected', optionId: 'reject' },
        decision: 'reject',
        by: 'user',
      }),
      entry('status', {
        status: 'IDLE',
        stopReason: 'cancelled',
        cause: 'permission_declined',
        declined: 'Run npm test',
      }),
    ]);
    const statuses = Object.fromEntries(
      t.items.flatMap((i) => (i.kind === 'tool_call' ? [[i.toolCallId, i.status]] : [])),
    );
    expect(statuses).toEqual({ read: 'completed', run: 'not_run', edit: 'not_run', bad: 'failed' });
    expect(t.items.at(-1)).toMatchObject({
      kind: 'notice',
      text: 'Stopped after you declined “Run npm test”.',
    });
  });

  it('closes open tool calls when the session fails mid-turn, but not on a status without a turn end', () => {
    const t = buildTranscript([
      update({ sessionUpdate: 'tool_call', toolCallId: 'a', title: 'A', status: 'in_progress' }),
      entry('status', { status: 'RUNNING' }),
    ]);
    expect(t.items[0]).toMatchObject({ status: 'in_progress' });
    applyLogEntry(t, entry('error', { message: 'The agent exited with code 3', kind: 'EXITED' }));
    expect(t.items[0]).toMatchObject({ status: 'not_run' });
    // A tool call of a later turn is not touched by the earlier end.
    applyLogEntry(t, update({ sessionUpdate: 'tool_call', toolCallId: 'b', title: 'B', status: 'pending' }));
    expect(t.items.at(-1)).toMatchObject({ toolCallId: 'b', status: 'pending' });
  });

  it('ignores unknown kinds and malformed payloads without throwing', () => {
    const t = buildTranscript([
      entry('mystery', {}),
      entry('update', null),
      entry('update', { sessionUpdate: 'from_the_future' }),
      entry('permission_decision', { requestId: 'nope' }),
      entry('system', { text: 'Agent restarted' }),
    ]);
    expect(t.items).toMatchObject([{ kind: 'notice', text: 'Agent restarted' }]);
    expect(t.lastSeq).toBe(seq);
  });

  it('coalesces a 10,000- and a 100,000-chunk stream into one message with every character', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => agentText(`w${i} `));
    const t = buildTranscript(entries);
    expect(t.items).toHaveLength(1);
    const message = t.items[0];
    expect(message?.kind === 'agent_message' && message.text.endsWith('w9999 ')).toBe(true);
    const big = buildTranscript(Array.from({ length: 100_000 }, () => agentText('x')));
    expect(big.items[0]?.kind === 'agent_message' && big.items[0].text.length).toBe(100_000);
  });
});

import path from 'node:path';
import { safe } from '@orpc/client';
import { describe, expect, it } from 'vitest';
import { agentTextOf, useFakeAgent, useSessionsCore } from './sessions-helpers';

describe('sessions: streaming, queue, cancel, offers', () => {
  const core = useSessionsCore();

  it('streams text, thoughts, tool calls with diffs and plans in order, and the stored log matches what was pushed', async () => {
    const { t, watch, workspaceId, worktree } = core;
    const provider = await useFakeAgent(t, {
      default: [
        { thought: 'thinking…' },
        { text: 'Hello' },
        { text: ', ' },
        { text: 'world' },
        { diff: { toolCallId: 'tc1', path: path.join(worktree, 'a.txt'), oldText: 'a', newText: 'b' } },
        { toolCallUpdate: { toolCallId: 'tc1', status: 'completed' } },
        { plan: [{ content: 'step one', priority: 'high', status: 'completed' }] },
        { chunks: { count: 50, text: 'n', numbered: true } },
      ],
    });
    const session = await t.client.sessions.create({ workspaceId, provider });
    expect(session.status).toBe('STARTING');
    await watch.status(session.id, 'IDLE');
    const sent = await t.client.sessions.prompt({ sessionId: session.id, text: 'go' });
    expect(sent).toEqual({ queued: false, queuedId: null });
    await watch.turnEnd(session.id);

    const pushed = watch.entries(session.id);
    const kinds = pushed.map((e) =>
      e.kind === 'update' ? (e.payload as { sessionUpdate: string }).sessionUpdate : e.kind,
    );
    // Order is the agent's order; the consecutive "Hello", ", ", "world" chunks were coalesced.
    const firstIndex = (k: string) => kinds.indexOf(k);
    expect(firstIndex('prompt')).toBe(0);
    expect(firstIndex('agent_thought_chunk')).toBeLessThan(firstIndex('agent_message_chunk'));
    expect(firstIndex('agent_message_chunk')).toBeLessThan(firstIndex('tool_call'));
    expect(firstIndex('tool_call')).toBeLessThan(firstIndex('tool_call_update'));
    expect(firstIndex('tool_call_update')).toBeLessThan(firstIndex('plan'));
    expect(kinds.at(-1)).toBe('status');
    const numbers = agentTextOf(pushed)
      .match(/n(\d+);/g)
      ?.map((m) => Number(m.slice(1, -1)));
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(agentTextOf(pushed).startsWith('Hello, world')).toBe(true);
    expect(pushed.length).toBeLessThan(50 + 8);
    const toolCall = pushed.find(
      (e) => (e.payload as { sessionUpdate?: string }).sessionUpdate === 'tool_call',
    );
    expect(toolCall?.payload).toMatchObject({ content: [{ type: 'diff', newText: 'b' }] });

    // Sequence numbers are strictly increasing, and the stored log equals what was pushed.
    const seqs = pushed.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const page = await t.client.sessions.log({ sessionId: session.id });
    expect(page.entries).toEqual(pushed);
    expect(page.lastSeq).toBe(seqs.at(-1));
    const paged = await t.client.sessions.log({ sessionId: session.id, afterSeq: seqs[2], limit: 2 });
    expect(paged.entries.map((e) => e.seq)).toEqual([seqs[3], seqs[4]]);
    expect(paged.hasMore).toBe(true);
    // One turn: paging backwards returns it whole, whatever the minimum asked for.
    const turns = await t.client.sessions.logTurns({ sessionId: session.id, minEntries: 2 });
    expect(turns).toEqual({ entries: pushed, lastSeq: seqs.at(-1), hasOlder: false });
    const [unknown] = await safe(t.client.sessions.logTurns({ sessionId: 'no-such-session' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('queues prompts sent during a turn, shows the queue, lets it be edited, and sends it in order', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      turns: [
        {
          match: 'first',
          steps: [{ text: 'working ' }, { waitForCancel: false, sleep: 300 }, { echo: true }],
        },
      ],
      default: [{ echo: true }],
    });
    const session = await t.client.sessions.create({ workspaceId, provider });
    await watch.status(session.id, 'IDLE');
    await t.client.sessions.prompt({ sessionId: session.id, text: 'first' });
    const a = await t.client.sessions.prompt({ sessionId: session.id, text: 'second' });
    const b = await t.client.sessions.prompt({ sessionId: session.id, text: 'third' });
    const c = await t.client.sessions.prompt({ sessionId: session.id, text: 'fourth' });
    expect([a.queued, b.queued, c.queued]).toEqual([true, true, true]);
    const queue = await t.client.sessions.listQueue({ sessionId: session.id });
    expect(queue.map((q) => q.text)).toEqual(['second', 'third', 'fourth']);

    await t.client.sessions.updateQueued({
      sessionId: session.id,
      queuedId: b.queuedId as string,
      text: 'third, edited',
    });
    await t.client.sessions.removeQueued({ sessionId: session.id, queuedId: c.queuedId as string });
    const [gone] = await safe(
      t.client.sessions.removeQueued({ sessionId: session.id, queuedId: c.queuedId as string }),
    );
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });

    await watch.turnEnd(session.id, 3);
    const text = watch.agentText(session.id);
    expect(text).toContain('echo: first');
    expect(text.indexOf('echo: first')).toBeLessThan(text.indexOf('echo: second'));
    expect(text.indexOf('echo: second')).toBeLessThan(text.indexOf('echo: third, edited'));
    expect(text).not.toContain('fourth');
    expect((await t.client.sessions.get({ sessionId: session.id })).queue).toEqual([]);
  });

  it('cancels a running turn', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, { default: [{ text: 'started' }, { waitForCancel: true }] });
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'run until cancelled' });
    await watch.text(session.id, 'started');
    await t.client.sessions.cancel({ sessionId: session.id });
    const end = await watch.turnEnd(session.id);
    expect(end.payload).toMatchObject({ stopReason: 'cancelled' });
    expect((await t.client.sessions.get({ sessionId: session.id })).status).toBe('IDLE');
  });

  it('holds the queue after a cancel: a new prompt goes first, the held ones wait for resume', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      turns: [{ match: 'first', steps: [{ text: 'started' }, { waitForCancel: true }] }],
      default: [{ echo: true }],
    });
    const session = await t.client.sessions.create({ workspaceId, provider });
    await watch.status(session.id, 'IDLE');
    await t.client.sessions.prompt({ sessionId: session.id, text: 'first' });
    await watch.text(session.id, 'started');
    await t.client.sessions.prompt({ sessionId: session.id, text: 'second' });
    await t.client.sessions.prompt({ sessionId: session.id, text: 'third' });

    await t.client.sessions.cancel({ sessionId: session.id });
    expect((await watch.turnEnd(session.id)).payload).toMatchObject({ stopReason: 'cancelled' });
    // The queue would have moved on within the turn's end; it is still whole, and says why.
    const held = await t.client.sessions.get({ sessionId: session.id });
    expect(held).toMatchObject({ status: 'IDLE', queueHeld: true });
    expect(held.queue.map((q) => q.text)).toEqual(['second', 'third']);

    // A prompt sent now is the user's next instruction: it goes ahead of the held ones.
    expect(await t.client.sessions.prompt({ sessionId: session.id, text: 'urgent' })).toEqual({
      queued: false,
      queuedId: null,
    });
    await watch.turnEnd(session.id, 2);
    expect(watch.agentText(session.id)).toContain('echo: urgent');
    const still = await t.client.sessions.get({ sessionId: session.id });
    expect(still.queueHeld).toBe(true);
    expect(still.queue.map((q) => q.text)).toEqual(['second', 'third']);

    const resumed = await t.client.sessions.resumeQueue({ sessionId: session.id });
    expect(resumed.queueHeld).toBe(false);
    await watch.turnEnd(session.id, 4);
    const text = watch.agentText(session.id);
    expect(text.indexOf('echo: urgent')).toBeLessThan(text.indexOf('echo: second'));
    expect(text.indexOf('echo: second')).toBeLessThan(text.indexOf('echo: third'));
    expect(await t.client.sessions.get({ sessionId: session.id })).toMatchObject({
      queue: [],
      queueHeld: false,
    });
  });

  it('sends prompts queued after a hold before the held ones, and lifts the hold once the queue is empty', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      turns: [
        { match: 'first', steps: [{ text: 'started' }, { waitForCancel: true }] },
        // The permission question holds the turn open until the test answers it.
        { match: 'urgent', steps: [{ permission: { kind: 'execute', title: 'Gate' } }, { echo: true }] },
      ],
      default: [{ echo: true }],
    });
    const session = await t.client.sessions.create({ workspaceId, provider, permissionPreset: 'STRICT' });
    await watch.status(session.id, 'IDLE');
    await t.client.sessions.prompt({ sessionId: session.id, text: 'first' });
    await watch.text(session.id, 'started');
    const held = await t.client.sessions.prompt({ sessionId: session.id, text: 'held' });
    await t.client.sessions.cancel({ sessionId: session.id });
    await watch.turnEnd(session.id);

    await t.client.sessions.prompt({ sessionId: session.id, text: 'urgent' });
    const asking = await watch.status(session.id, 'AWAITING_PERMISSION');
    // Queued while `urgent` runs: ahead of the held prompt, and sent when `urgent` ends.
    const next = await t.client.sessions.prompt({ sessionId: session.id, text: 'next' });
    expect(next.queued).toBe(true);
    expect((await t.client.sessions.listQueue({ sessionId: session.id })).map((q) => q.text)).toEqual([
      'next',
      'held',
    ]);
    await t.client.sessions.answerPermission({
      sessionId: session.id,
      requestId: asking.pendingPermissions[0]?.requestId as string,
      decision: 'allow_once',
    });
    await watch.turnEnd(session.id, 3);
    expect(watch.agentText(session.id)).toContain('echo: next');
    const after = await t.client.sessions.get({ sessionId: session.id });
    expect(after).toMatchObject({ status: 'IDLE', queueHeld: true });
    expect(after.queue.map((q) => q.text)).toEqual(['held']);

    // Removing the last held prompt leaves nothing to hold.
    const emptied = await t.client.sessions.removeQueued({
      sessionId: session.id,
      queuedId: held.queuedId as string,
    });
    expect(emptied).toMatchObject({ queue: [], queueHeld: false });
  });

  it('surfaces modes, config options and slash commands, sets them, and sends file mentions as resource links', async () => {
    const { t, watch, workspaceId, worktree } = core;
    const provider = await useFakeAgent(t, {
      agent: {
        modes: {
          currentModeId: 'default',
          availableModes: [
            { id: 'default', name: 'Default' },
            { id: 'acceptEdits', name: 'Accept edits' },
            { id: 'plan', name: 'Plan' },
          ],
        },
        configOptions: [
          {
            id: 'model',
            name: 'Model',
            type: 'select',
            currentValue: 'small',
            options: [
              { value: 'small', name: 'Small' },
              { value: 'large', name: 'Large' },
            ],
          },
        ],
        commands: [{ name: 'review', description: 'Review the diff', input: { hint: 'focus' } }],
      },
    });
    const session = await t.client.sessions.create({ workspaceId, provider, permissionPreset: 'RELAXED' });
    const ready = await watch.until(
      session.id,
      (s) => s.status === 'IDLE' && s.commands.length > 0,
      'offers',
    );
    // RELAXED picks the agent's matching mode.
    expect(ready.modes.currentModeId).toBe('acceptEdits');
    expect(ready.modes.available.map((m) => m.id)).toEqual(['default', 'acceptEdits', 'plan']);
    expect(ready.configOptions[0]).toMatchObject({
      id: 'model',
      currentValue: 'small',
      options: [{ value: 'small' }, { value: 'large' }],
    });
    expect(ready.commands).toEqual([{ name: 'review', description: 'Review the diff', inputHint: 'focus' }]);

    expect(
      (await t.client.sessions.setMode({ sessionId: session.id, modeId: 'plan' })).modes.currentModeId,
    ).toBe('plan');
    const configured = await t.client.sessions.setConfigOption({
      sessionId: session.id,
      configId: 'model',
      value: 'large',
    });
    expect(configured.configOptions[0]?.currentValue).toBe('large');
    const [badMode] = await safe(t.client.sessions.setMode({ sessionId: session.id, modeId: 'nope' }));
    expect(badMode).toMatchObject({ code: 'INVALID' });

    await t.client.sessions.prompt({ sessionId: session.id, text: 'look', mentions: ['README.md'] });
    expect(await watch.text(session.id, 'echo: look [README.md]')).toContain('[README.md]');
    const prompt = watch.entries(session.id).find((e) => e.kind === 'prompt');
    expect(prompt?.payload).toMatchObject({
      prompt: [
        { type: 'text', text: 'look' },
        { type: 'resource_link', name: 'README.md', uri: `file://${worktree}/README.md` },
      ],
    });
    const [outside] = await safe(
      t.client.sessions.prompt({ sessionId: session.id, text: 'x', mentions: ['../../etc/passwd'] }),
    );
    expect(outside).toMatchObject({ code: 'INVALID' });
  });

  it('counts and surfaces session/update notifications the SDK dropped as invalid', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      default: [{ text: 'a' }, { invalidUpdate: true }, { text: 'b' }],
    });
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'go' });
    await watch.turnEnd(session.id);
    const notes = watch.entries(session.id).filter((e) => e.kind === 'system');
    expect(notes.map((e) => (e.payload as { text: string }).text)).toEqual([
      '1 update(s) from the agent were not valid ACP and were dropped.',
    ]);
    expect(watch.agentText(session.id)).toBe('ab');
  });

  it('rejects unknown providers with a typed error', async () => {
    const { t, workspaceId } = core;
    const [error] = await safe(t.client.sessions.create({ workspaceId, provider: 'nobody' }));
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', data: { provider: 'nobody' } });
    const providers = await t.client.sessions.providers();
    expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(['claude', 'codex']));
    expect(providers.find((p) => p.id === 'claude')?.available).toBe(true);
  });
});

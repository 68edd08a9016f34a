import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTranscript, type ToolCallItem } from '../../src/shared/lib/transcript';
import { startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

/** How a turn's end is recorded (its cause) and what the transcript built from the log makes of it. */
describe('sessions: turn ends by cause', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let workspaceId: string;
  let provider: string;

  beforeAll(async () => {
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    workspaceId = (await seedWorkspace(t)).workspace.id;
    provider = await useFakeAgent(t, {
      turns: [
        {
          // What codex does when the user rejects a command: the turn ends `cancelled`, the tool call open.
          match: 'codex-reject',
          steps: [
            {
              toolCall: {
                toolCallId: 'run-1',
                title: 'Run npm test',
                kind: 'execute',
                status: 'in_progress',
              },
            },
            {
              permission: {
                toolCallId: 'run-1',
                title: 'Run npm test',
                kind: 'execute',
                cancelOnReject: true,
              },
            },
            { text: 'not reached' },
          ],
        },
        {
          match: 'long',
          steps: [
            { toolCall: { toolCallId: 'edit-1', title: 'Edit a.txt', kind: 'edit', status: 'pending' } },
            { text: 'started' },
            { waitForCancel: true },
          ],
        },
        { match: 'forever', steps: [{ text: 'working' }, { hang: true }] },
        { match: 'fail', steps: [{ error: { code: -32603, message: 'rate limited' } }] },
        { match: 'die', steps: [{ text: 'dying' }, { crash: 3 }] },
      ],
      default: [{ echo: true }],
    });
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
  });

  async function transcriptOf(sessionId: string) {
    const { entries } = await t.client.sessions.log({ sessionId });
    return buildTranscript(entries);
  }

  it('a permission the user rejected ends the turn as declined, and its running tool call as not run', async () => {
    const session = await t.client.sessions.create({
      workspaceId,
      provider,
      permissionPreset: 'STRICT',
      prompt: 'codex-reject',
    });
    const waiting = await watch.until(session.id, (s) => s.pendingPermissions.length > 0, 'asks');
    await t.client.sessions.answerPermission({
      sessionId: session.id,
      requestId: waiting.pendingPermissions[0]?.requestId as string,
      decision: 'reject',
    });
    const end = await watch.turnEnd(session.id);
    expect(end.payload).toEqual({
      status: 'IDLE',
      stopReason: 'cancelled',
      cause: 'permission_declined',
      declined: 'Run npm test',
    });
    const transcript = await transcriptOf(session.id);
    const tool = transcript.items.find((i): i is ToolCallItem => i.kind === 'tool_call');
    expect(tool).toMatchObject({ toolCallId: 'run-1', status: 'not_run' });
    expect(transcript.items.at(-1)).toMatchObject({
      kind: 'notice',
      text: 'Stopped after you declined “Run npm test”.',
    });
    expect(watch.agentText(session.id)).not.toContain('not reached');
    await t.client.sessions.stop({ sessionId: session.id });
  });

  it('Stop ends the turn as stopped by the user; the next turn is judged afresh', async () => {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'long one' });
    await watch.text(session.id, 'started');
    await t.client.sessions.cancel({ sessionId: session.id });
    expect((await watch.turnEnd(session.id)).payload).toMatchObject({
      stopReason: 'cancelled',
      cause: 'stopped_by_user',
    });
    const transcript = await transcriptOf(session.id);
    expect(transcript.items.find((i) => i.kind === 'tool_call')).toMatchObject({ status: 'not_run' });
    expect(transcript.items.at(-1)).toMatchObject({ kind: 'notice', text: 'You stopped the turn.' });

    // The next turn starts with a clean witness: a plain echo completes.
    await t.client.sessions.prompt({ sessionId: session.id, text: 'hello' });
    expect((await watch.turnEnd(session.id, 2)).payload).toEqual({
      status: 'IDLE',
      stopReason: 'end_turn',
      cause: 'completed',
    });
    await t.client.sessions.stop({ sessionId: session.id });
  });

  it('a failed prompt ends the turn with the agent error in its end, once', async () => {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'fail please' });
    const end = await watch.turnEnd(session.id);
    expect(end.payload).toMatchObject({ stopReason: null, cause: 'agent_error', message: 'rate limited' });
    const { entries } = await t.client.sessions.log({ sessionId: session.id });
    expect(entries.filter((e) => e.kind === 'error')).toEqual([]);
    const transcript = buildTranscript(entries);
    expect(transcript.items.at(-1)).toMatchObject({ kind: 'notice', text: 'The agent failed: rate limited' });
    expect((await t.client.sessions.get({ sessionId: session.id })).status).toBe('IDLE');
    await t.client.sessions.stop({ sessionId: session.id });
  });

  it('an agent dying mid-turn fails the session once, with the exit as the reason', async () => {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'die now' });
    await watch.status(session.id, 'ERROR');
    const { entries } = await t.client.sessions.log({ sessionId: session.id });
    // The prompt's request fails too (its connection closed); that is not a second failure to show.
    expect(entries.filter((e) => e.kind === 'status')).toEqual([]);
    expect(entries.filter((e) => e.kind === 'error').map((e) => e.payload)).toEqual([
      expect.objectContaining({ kind: 'EXITED', message: expect.stringContaining('exited with code 3') }),
    ]);
  });

  it('stopping the agent mid-turn ends the turn as stopped', async () => {
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'forever' });
    await watch.text(session.id, 'working');
    await t.client.sessions.stop({ sessionId: session.id });
    expect((await watch.turnEnd(session.id)).payload).toEqual({
      status: 'STOPPED',
      stopReason: null,
      cause: 'agent_stopped',
    });
  });
});

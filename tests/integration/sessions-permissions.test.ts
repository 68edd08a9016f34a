import { linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safe } from '@orpc/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionPreset } from '../../src/shared/contract/sessions';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

describe('sessions: permissions, fs confinement, terminals', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let workspaceId: string;
  let worktree: string;
  let outside: string;
  let provider: string;

  beforeAll(async () => {
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    const seeded = await seedWorkspace(t);
    workspaceId = seeded.workspace.id;
    worktree = seeded.workspace.worktreePath;
    outside = makeTempDir('ff-outside-');
    writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    writeFileSync(path.join(worktree, 'inside.txt'), 'inside content');
    symlinkSync(outside, path.join(worktree, 'escape'));
    writeFileSync(path.join(outside, 'linked.txt'), 'outside original');
    linkSync(path.join(outside, 'linked.txt'), path.join(worktree, 'hard-link.txt'));
    const editInside = {
      kind: 'edit',
      title: 'Edit inside.txt',
      locations: [path.join(worktree, 'inside.txt')],
    };
    provider = await useFakeAgent(t, {
      turns: [
        { match: 'edit-inside', steps: [{ permission: editInside }] },
        {
          match: 'edit-outside',
          steps: [{ permission: { kind: 'edit', locations: [path.join(outside, 'x')] } }],
        },
        {
          match: 'read-tool',
          steps: [
            {
              permission: {
                kind: 'read',
                title: 'Read a file',
                locations: [path.join(worktree, 'inside.txt')],
              },
            },
          ],
        },
        {
          match: 'read-outside',
          steps: [
            {
              permission: {
                kind: 'read',
                title: 'Read secret',
                locations: [path.join(outside, 'secret.txt')],
              },
            },
          ],
        },
        {
          match: 'edit-through-symlink',
          steps: [
            { permission: { kind: 'edit', locations: [path.join(worktree, 'escape', 'planted.txt')] } },
          ],
        },
        { match: 'run-command', steps: [{ permission: { kind: 'execute', title: 'Run npm test' } }] },
        {
          match: 'codex-style',
          steps: [
            {
              permission: {
                kind: 'execute',
                options: [
                  { optionId: 'approved', name: 'Yes', kind: 'allow_once' },
                  { optionId: 'approved-execpolicy-amendment', name: 'Always', kind: 'allow_always' },
                  { optionId: 'abort', name: 'No', kind: 'reject_once' },
                ],
              },
            },
          ],
        },
        {
          match: 'fs-calls',
          steps: [
            { read: path.join(worktree, 'inside.txt') },
            { read: `${worktree}/../../../../etc/passwd` },
            { read: path.join(worktree, 'escape', 'secret.txt') },
            { write: { path: path.join(worktree, 'escape', 'planted.txt'), content: 'x' } },
            { write: { path: path.join(worktree, 'new', 'made.txt'), content: 'made by agent' } },
            { text: 'fs done' },
          ],
        },
        {
          match: 'write-hard-link',
          steps: [{ write: { path: path.join(worktree, 'hard-link.txt'), content: 'new inside' } }],
        },
        {
          match: 'terminal-big',
          steps: [
            {
              terminal: {
                command: process.execPath,
                args: ['-e', "process.stdout.write('x'.repeat(10000) + 'END'); process.exit(7)"],
                outputByteLimit: 100,
              },
            },
          ],
        },
        { match: 'terminal-small', steps: [{ terminal: { command: 'echo hello from $FF_WORKSPACE' } }] },
      ],
    });
  });
  afterEach(async () => {
    // Each test starts its own agents; stopping them keeps well under the running-agent cap.
    for (const s of await t.client.sessions.list({ workspaceId })) {
      if (s.process.state !== 'none') await t.client.sessions.stop({ sessionId: s.id });
    }
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
  });

  async function sessionWith(preset: PermissionPreset): Promise<string> {
    const s = await t.client.sessions.create({ workspaceId, provider, permissionPreset: preset });
    await watch.status(s.id, 'IDLE');
    return s.id;
  }

  /** Sends a prompt and resolves with the agent's text for that turn. */
  async function turn(sessionId: string, text: string): Promise<string> {
    const before = watch.agentText(sessionId).length;
    const ends = watch.entries(sessionId).filter((e) => e.kind === 'status').length;
    await t.client.sessions.prompt({ sessionId, text });
    await watch.turnEnd(sessionId, ends + 1);
    return watch.agentText(sessionId).slice(before);
  }

  it.each([
    ['YOLO', 'run-command', 'selected allow'],
    ['YOLO', 'edit-outside', 'selected allow'],
    ['RELAXED', 'edit-inside', 'selected allow'],
    ['RELAXED', 'read-tool', 'selected allow'],
    ['STRICT', 'read-tool', 'selected allow'],
  ] as const)('%s decides %s without asking', async (preset, prompt, outcome) => {
    const id = await sessionWith(preset);
    expect(await turn(id, prompt)).toContain(`permission: ${outcome}`);
    const decision = watch.entries(id).find((e) => e.kind === 'permission_decision');
    expect(decision?.payload).toMatchObject({ by: 'preset', decision: 'allow_once' });
  });

  it.each([
    ['STRICT', 'edit-inside'],
    ['RELAXED', 'run-command'],
    ['RELAXED', 'edit-outside'],
    ['STRICT', 'read-outside'],
    ['RELAXED', 'read-outside'],
    ['RELAXED', 'edit-through-symlink'],
  ] as const)('%s asks the user for %s', async (preset, prompt) => {
    const id = await sessionWith(preset);
    const mark = watch.mark();
    await t.client.sessions.prompt({ sessionId: id, text: prompt });
    const waiting = await watch.status(id, 'AWAITING_PERMISSION', mark);
    expect(waiting.pendingPermissions).toHaveLength(1);
    expect(waiting.pendingPermissions[0]?.choices).toEqual(['allow_once', 'allow_always', 'reject']);
    await t.client.sessions.answerPermission({
      sessionId: id,
      requestId: waiting.pendingPermissions[0]?.requestId as string,
      decision: 'reject',
    });
    await watch.turnEnd(id);
    expect(watch.agentText(id)).toContain('permission: selected reject');
  });

  it('takes the user answer: allow once, allow always (remembered per tool kind), reject — by option kind', async () => {
    const id = await sessionWith('STRICT');
    const answer = async (prompt: string, decision: 'allow_once' | 'allow_always' | 'reject') => {
      const mark = watch.mark();
      const ends = watch.entries(id).filter((e) => e.kind === 'status').length;
      await t.client.sessions.prompt({ sessionId: id, text: prompt });
      const waiting = await watch.status(id, 'AWAITING_PERMISSION', mark);
      const requestId = waiting.pendingPermissions[0]?.requestId as string;
      const answered = await t.client.sessions.answerPermission({ sessionId: id, requestId, decision });
      expect(answered.pendingPermissions).toEqual([]);
      await watch.turnEnd(id, ends + 1);
      const [again] = await safe(t.client.sessions.answerPermission({ sessionId: id, requestId, decision }));
      expect(again).toMatchObject({ code: 'NOT_FOUND' });
    };
    await answer('codex-style once', 'allow_once');
    expect(watch.agentText(id)).toContain('permission: selected approved\n');
    await answer('codex-style reject', 'reject');
    expect(watch.agentText(id)).toContain('permission: selected abort\n');
    await answer('run-command always', 'allow_always');
    expect(watch.agentText(id)).toContain('permission: selected allow_always\n');
    // The next execute request is allowed by the remembered rule, without asking.
    expect(await turn(id, 'run-command again')).toContain('permission: selected allow\n');
    const decisions = watch.entries(id).filter((e) => e.kind === 'permission_decision');
    expect(decisions.map((d) => (d.payload as { by: string }).by)).toEqual(['user', 'user', 'user', 'rule']);
  });

  it('confines fs reads and writes to the worktree: traversal and symlink escapes are refused', async () => {
    const id = await sessionWith('YOLO');
    const text = await turn(id, 'fs-calls');
    const lines = text.split('\n');
    expect(lines[0]).toBe('read ok: inside content');
    expect(lines[1]).toMatch(/^read error: .*outside the workspace worktree/);
    expect(lines[2]).toMatch(/^read error: .*symbolic link/);
    expect(lines[3]).toMatch(/^write error: .*symbolic link/);
    expect(lines[4]).toBe('write ok');
    expect(text).not.toContain('top secret');
    expect(readFileSync(path.join(worktree, 'new', 'made.txt'), 'utf8')).toBe('made by agent');
    expect(() => readFileSync(path.join(outside, 'planted.txt'))).toThrow();
    const refusals = watch.entries(id).filter((e) => e.kind === 'system');
    expect(refusals).toHaveLength(3);
  });

  it('writes a hard link inside the worktree by replacing it: the file outside stays as it was', async () => {
    const id = await sessionWith('YOLO');
    expect(await turn(id, 'write-hard-link')).toContain('write ok');
    expect(readFileSync(path.join(outside, 'linked.txt'), 'utf8')).toBe('outside original');
    expect(readFileSync(path.join(worktree, 'hard-link.txt'), 'utf8')).toBe('new inside');
    expect(statSync(path.join(outside, 'linked.txt')).nlink).toBe(1);
  });

  it('runs terminals in the worktree with output byte limits', async () => {
    const id = await sessionWith('YOLO');
    const big = await turn(id, 'terminal-big');
    const match = big.match(/terminal exit=(\d+) truncated=(\w+) bytes=(\d+) output="(.*)"/);
    expect(match?.[1]).toBe('7');
    expect(match?.[2]).toBe('true');
    expect(Number(match?.[3])).toBeLessThanOrEqual(100);
    expect(match?.[4]?.endsWith('END')).toBe(true);
    const small = await turn(id, 'terminal-small');
    expect(small).toContain(`terminal exit=0 truncated=false`);
    expect(small).toContain(`hello from ${workspaceId}`);
  });

  it('changes the preset of a live session', async () => {
    const id = await sessionWith('STRICT');
    const updated = await t.client.sessions.setPreset({ sessionId: id, preset: 'YOLO' });
    expect(updated.permissionPreset).toBe('YOLO');
    expect(await turn(id, 'edit-inside')).toContain('permission: selected allow');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import { storedLog, useFakeAgent, useSessionsCore } from './sessions-helpers';

function promptText(entry: { payload: unknown }): string {
  const blocks = (entry.payload as { prompt: Array<{ type: string; text?: string }> }).prompt;
  return blocks.find((b) => b.type === 'text')?.text ?? '';
}

describe('quick actions', () => {
  const ctx = useSessionsCore();

  it('lists the built-in actions in order, with where each runs', async () => {
    const actions = await ctx.t.client.prompts.quickActions({ workspaceId: ctx.workspaceId });
    expect(actions.map((a) => a.name)).toEqual([
      'review-changes',
      'simplify',
      'sync-with-base',
      'rename-branch',
      'write-tests',
      'draft-pr-description',
      'explain-workspace',
    ]);
    expect(actions.find((a) => a.name === 'explain-workspace')).toMatchObject({
      title: 'Explain this workspace',
      session: 'new',
      preset: 'STRICT',
      source: 'builtin',
    });
  });

  it('sends its rendered prompt to the current session', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ echo: true }] });
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'hello' });
    await watch.turnEnd(session.id, 1);
    const workspace = await t.client.workspaces.get({ id: workspaceId });

    const ran = await t.client.prompts.runQuickAction({
      workspaceId,
      name: 'review-changes',
      sessionId: session.id,
    });
    expect(ran).toEqual({ sessionId: session.id, newSession: false });
    await watch.turnEnd(session.id, 2);

    const prompts = (await storedLog(t.client, session.id)).filter((e) => e.kind === 'prompt');
    expect(prompts).toHaveLength(2);
    const sent = promptText(prompts[1] as { payload: unknown });
    expect(sent).toContain(
      `Review the changes on the branch \`${workspace.branch}\` against \`${workspace.baseBranch}\``,
    );
    expect(sent).not.toMatch(/\{\{/);
    expect(watch.agentText(session.id)).toContain(
      `echo: Review the changes on the branch \`${workspace.branch}\``,
    );
  });

  it('starts a new session for an action that says so, with its preset', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ echo: true }] });
    const first = await t.client.sessions.create({ workspaceId, provider, prompt: 'hello' });
    await watch.turnEnd(first.id, 1);

    const ran = await t.client.prompts.runQuickAction({
      workspaceId,
      name: 'explain-workspace',
      sessionId: first.id,
    });
    expect(ran.newSession).toBe(true);
    expect(ran.sessionId).not.toBe(first.id);
    await watch.turnEnd(ran.sessionId, 1);
    const created = await t.client.sessions.get({ sessionId: ran.sessionId });
    expect(created).toMatchObject({ provider, permissionPreset: 'STRICT', title: 'Explain this workspace' });
    expect(watch.agentText(ran.sessionId)).toContain('echo: Explain the work in this worktree');
  });

  it('switches the agent to the mode an action names before sending it', async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, {
      agent: {
        modes: {
          currentModeId: 'code',
          availableModes: [
            { id: 'code', name: 'Code' },
            { id: 'plan', name: 'Plan' },
          ],
        },
      },
      default: [{ echo: true }],
    });
    const workspace = await t.client.workspaces.get({ id: workspaceId });
    const project = await t.client.projects.get({ id: workspace.projectId });
    const dir = path.join(project.path, '.factory-factory', 'prompts', 'quick-actions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'plan-it.md'),
      '---\ntitle: Plan it\nmode: plan\n---\nPlan the work on {{branch}}\n',
    );
    const session = await t.client.sessions.create({ workspaceId, provider, prompt: 'hello' });
    await watch.turnEnd(session.id, 1);

    const ran = await t.client.prompts.runQuickAction({
      workspaceId,
      name: 'plan-it',
      sessionId: session.id,
    });
    expect(ran).toEqual({ sessionId: session.id, newSession: false });
    await watch.turnEnd(session.id, 2);
    expect((await t.client.sessions.get({ sessionId: session.id })).modes.currentModeId).toBe('plan');
    expect(watch.agentText(session.id)).toContain(`echo: Plan the work on ${workspace.branch}`);
  });

  it("uses the project's override once it appears, and refuses a broken one with the reason", async () => {
    const { t, watch, workspaceId } = ctx;
    const provider = await useFakeAgent(t, { default: [{ echo: true }] });
    const workspace = await t.client.workspaces.get({ id: workspaceId });
    const project = await t.client.projects.get({ id: workspace.projectId });
    const dir = path.join(project.path, '.factory-factory', 'prompts', 'quick-actions');
    // The project layer is loaded (and watched) from the first use.
    await t.client.prompts.quickActions({ workspaceId });

    const changed = (after: number) =>
      watch.recorder.waitFor((e: DomainEvent) => e.type === 'prompts.changed', 'prompts.changed', { after });
    let mark = watch.mark();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'simplify.md'),
      '---\ntitle: Simplify (ours)\nsession: new\n---\nOur simplify on {{branch}}\n',
    );
    await changed(mark);
    let actions = await t.client.prompts.quickActions({ workspaceId });
    while (actions.find((a) => a.name === 'simplify')?.source !== 'project') {
      mark = watch.mark();
      await changed(mark);
      actions = await t.client.prompts.quickActions({ workspaceId });
    }
    const ran = await t.client.prompts.runQuickAction({ workspaceId, name: 'simplify', provider });
    await watch.turnEnd(ran.sessionId, 1);
    expect(watch.agentText(ran.sessionId)).toContain(`echo: Our simplify on ${workspace.branch}`);

    mark = watch.mark();
    writeFileSync(path.join(dir, 'broken.md'), 'Uses {{nonsense}}');
    let listed = await t.client.prompts.list({ projectId: project.id });
    while (!listed.broken.some((b) => b.id === 'quick-actions/broken')) {
      await changed(mark);
      mark = watch.mark();
      listed = await t.client.prompts.list({ projectId: project.id });
    }
    expect(listed.broken.find((b) => b.id === 'quick-actions/broken')).toMatchObject({
      source: 'project',
      reason: expect.stringMatching(/unknown variable \{\{nonsense\}\}/),
    });
    await expect(t.client.prompts.runQuickAction({ workspaceId, name: 'broken' })).rejects.toThrow(
      /unknown variable/,
    );
    await expect(t.client.prompts.runQuickAction({ workspaceId, name: 'no-such-action' })).rejects.toThrow(
      /Not found/i,
    );
  });
});

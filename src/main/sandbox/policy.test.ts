import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../tests/fixtures/sandbox-facts';
import { mountPlan } from './mount-plan';
import { buildSandboxPolicy, insideRoots, type SandboxFacts, summarize } from './policy';

const paths = (list: { path: string }[]) => list.map((p) => p.path);

describe('sandbox policy', () => {
  it('makes the worktree, the git data a commit needs, agent state and user folders writable', () => {
    const policy = buildSandboxPolicy(FACTS);
    expect(policy.writable.map((p) => [p.path, p.role])).toEqual([
      ['/home/u/ff/worktrees/app/task', 'worktree'],
      ['/home/u/code/app/.git/objects', 'git'],
      ['/home/u/code/app/.git/refs', 'git'],
      ['/home/u/code/app/.git/logs', 'git'],
      ['/home/u/code/app/.git/worktrees/task', 'git'],
      ['/home/u/.claude', 'agent-state'],
      ['/home/u/.claude.json', 'agent-state'],
      ['/home/u/shared-cache', 'user'],
    ]);
  });

  it('keeps hooks, config and the worktree .git pointer read-only, and the git dir visible', () => {
    expect(paths(buildSandboxPolicy(FACTS).readOnly)).toEqual([
      '/home/u/code/app/.git',
      '/home/u/code/app/.git/hooks',
      '/home/u/code/app/.git/config',
      '/home/u/ff/worktrees/app/task/.git',
    ]);
  });

  it('hides secrets, the app data, the main working tree and other worktrees, not its own', () => {
    expect(buildSandboxPolicy(FACTS).hidden.map((p) => [p.path, p.role, p.kind])).toEqual([
      ['/home/u/.ssh', 'secrets', 'dir'],
      ['/home/u/.netrc', 'secrets', 'file'],
      ['/home/u/ff', 'app-data', 'dir'],
      ['/home/u/code/app', 'main-worktree', 'dir'],
      ['/home/u/ff/worktrees/app/other', 'other-worktree', 'dir'],
    ]);
  });

  it('lets a folder the user named win over a default hide', () => {
    const policy = buildSandboxPolicy({ ...FACTS, userWritable: ['/home/u/.ssh'] });
    expect(paths(policy.hidden)).not.toContain('/home/u/.ssh');
    expect(paths(policy.writable)).toContain('/home/u/.ssh');
  });

  it('opens a named folder inside a hidden one, and keeps hidden what is hidden inside a named one', () => {
    const policy = buildSandboxPolicy({ ...FACTS, userWritable: ['/home/u', '/home/u/ff/cache'] });
    expect(paths(policy.hidden)).toEqual(expect.arrayContaining(['/home/u/.ssh', '/home/u/ff']));
    const steps = mountPlan(policy).map((s) => `${s.action} ${s.path}`);
    expect(steps.indexOf('write /home/u')).toBeLessThan(steps.indexOf('hide /home/u/.ssh'));
    expect(steps.indexOf('hide /home/u/ff')).toBeLessThan(steps.indexOf('write /home/u/ff/cache'));
  });

  it('keeps an adapter installed inside a hidden folder readable (its node_modules)', () => {
    const policy = buildSandboxPolicy({
      ...FACTS,
      programs: ['/home/u/code/app/node_modules/@zed/acp/dist/index.js'],
    });
    expect(policy.readOnly).toContainEqual({
      path: '/home/u/code/app/node_modules',
      role: 'program',
      kind: 'dir',
    });
  });

  it('keeps an app run from /tmp (an AppImage mount) readable: the sandbox replaces /tmp', () => {
    const policy = buildSandboxPolicy({ ...FACTS, programs: ['/tmp/.mount_ffAbc/factory-factory'] });
    expect(policy.readOnly).toContainEqual({ path: '/tmp/.mount_ffAbc', role: 'program', kind: 'dir' });
    expect(paths(buildSandboxPolicy(FACTS).readOnly)).not.toContain('/usr/bin');
  });

  it('a main working tree as the workspace: its .git is shared, hooks and config read-only', () => {
    const policy = buildSandboxPolicy({
      ...FACTS,
      worktree: '/home/u/code/app',
      git: {
        ...(FACTS.git as NonNullable<SandboxFacts['git']>),
        gitDir: '/home/u/code/app/.git',
        gitFile: null,
      },
      mainWorktree: '/home/u/code/app',
    });
    expect(paths(policy.hidden)).not.toContain('/home/u/code/app');
    expect(paths(policy.writable)).not.toContain('/home/u/code/app/.git');
    expect(paths(policy.readOnly)).toContain('/home/u/code/app/.git/hooks');
    expect(paths(policy.readOnly)).not.toContain('/home/u/code/app/.git');
  });

  it('both layers agree: fs/* roots are the worktree and the user folders, exactly the writable ones of those roles', () => {
    const policy = buildSandboxPolicy(FACTS);
    expect(insideRoots(policy, FACTS.worktree)).toEqual({
      roots: ['/home/u/ff/worktrees/app/task', '/home/u/shared-cache'],
      hidden: [],
    });
    expect(insideRoots(null, '/w')).toEqual({ roots: ['/w'], hidden: [] });
    // A folder added around hidden ones: fs/* is kept out of them, as the sandbox keeps the agent out.
    const wide = insideRoots(buildSandboxPolicy({ ...FACTS, userWritable: ['/home/u'] }), FACTS.worktree);
    expect(wide.hidden).toEqual(expect.arrayContaining(['/home/u/.ssh', '/home/u/.netrc', '/home/u/ff']));
  });

  it('orders steps shallow first, and read-only over writable over hidden at one path', () => {
    const steps = mountPlan(buildSandboxPolicy(FACTS)).map((s) => `${s.action} ${s.path}`);
    expect(steps.indexOf('hide /home/u/ff')).toBeLessThan(
      steps.indexOf('write /home/u/ff/worktrees/app/task'),
    );
    expect(steps.indexOf('hide /home/u/code/app')).toBeLessThan(steps.indexOf('read /home/u/code/app/.git'));
    expect(steps.indexOf('read /home/u/code/app/.git')).toBeLessThan(
      steps.indexOf('write /home/u/code/app/.git/refs'),
    );
    expect(steps.indexOf('write /home/u/ff/worktrees/app/task')).toBeLessThan(
      steps.indexOf('read /home/u/ff/worktrees/app/task/.git'),
    );
  });

  it('summarizes for the session: on with paths, or why not', () => {
    const on = summarize(buildSandboxPolicy(FACTS), {
      mechanism: 'bwrap',
      on: true,
      off: false,
      reason: null,
      network: false,
    });
    expect(on).toMatchObject({ state: 'on', mechanism: 'bwrap', reason: null, network: false });
    expect(on.writable).toContainEqual({ path: '/tmp', role: 'temp' });
    const off = summarize(null, {
      mechanism: 'none',
      on: false,
      off: true,
      reason: 'Turned off',
      network: true,
    });
    expect(off).toEqual({
      state: 'off',
      mechanism: 'none',
      reason: 'Turned off',
      writable: [],
      readOnly: [],
      hidden: [],
      network: true,
    });
  });
});

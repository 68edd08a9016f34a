import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeRepo } from '../../../tests/fixtures/repo-builders';
import { createMemoryLogger } from '../logging/logger';
import { AgentSandbox, type SandboxRequest } from './agent-sandbox';
import type { SandboxSupport } from './sandbox-support';

const repo = makeRepo();
const dataDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-sandbox-data-')));
const worktree = path.join(dataDir, 'worktrees', 'task');
git(repo, 'worktree', 'add', '-q', '-b', 'task', worktree);
const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ff-sandbox-home-')));

const request = (over: Partial<SandboxRequest> = {}): SandboxRequest => ({
  worktree,
  providerKind: 'claude',
  provider: undefined,
  project: undefined,
  command: '/usr/bin/node',
  args: ['/opt/adapter/index.js'],
  env: { PATH: '/usr/bin', HOME: home },
  ...over,
});

const sandboxWith = (support: SandboxSupport) =>
  new AgentSandbox({ dataDir, logger: createMemoryLogger(), env: {}, support });

const SEATBELT: SandboxSupport = {
  mechanism: 'seatbelt',
  program: '/usr/bin/sandbox-exec',
  problem: null,
  nested: false,
};
const BWRAP: SandboxSupport = { mechanism: 'bwrap', program: 'bwrap', problem: null, nested: true };

describe('AgentSandbox.prepare', () => {
  it('macOS: runs the command under sandbox-exec with the profile, TMPDIR the private folder', () => {
    const prepared = sandboxWith(SEATBELT).prepare(request());
    if (!prepared.ok) throw new Error(prepared.error);
    const { command, args, env, summary, policy } = prepared.value;
    expect(command).toBe('/usr/bin/sandbox-exec');
    expect(args[0]).toBe('-p');
    expect(args[1]).toContain(`(allow file-read* file-write* (subpath "${realpathSync(worktree)}"))`);
    expect(args.slice(2)).toEqual(['/usr/bin/node', '/opt/adapter/index.js']);
    expect(env.TMPDIR).toBe(policy?.privateTemp);
    expect(summary).toMatchObject({ state: 'on', mechanism: 'seatbelt' });
    expect(summary.writable).toContainEqual({ path: policy?.privateTemp, role: 'temp' });
    // Claude's state is created where it will be bound, and the private folder goes with the agent.
    expect(existsSync(path.join(home, '.claude.json'))).toBe(true);
    prepared.value.dispose();
    expect(existsSync(policy?.privateTemp as string)).toBe(false);
  });

  it('macOS: Codex confines its own commands (Seatbelt cannot nest), and the session says so', () => {
    const prepared = sandboxWith(SEATBELT).prepare(
      request({ providerKind: 'codex', command: '/opt/codex-acp', args: [] }),
    );
    expect(prepared).toMatchObject({
      ok: true,
      value: { command: '/opt/codex-acp', summary: { state: 'unavailable' } },
    });
    expect(prepared.ok && prepared.value.summary.reason).toMatch(/Seatbelt profiles cannot be nested/);
  });

  it('a project that turned it off runs unconfined and says so; no bwrap says how to install it', () => {
    const off = sandboxWith(BWRAP).prepare(request({ project: { enabled: false, writablePaths: [] } }));
    expect(off).toMatchObject({ ok: true, value: { command: '/usr/bin/node', summary: { state: 'off' } } });
    const none = sandboxWith({
      mechanism: 'none',
      program: null,
      problem: 'bubblewrap is not installed',
      nested: false,
    });
    expect(none.prepare(request())).toMatchObject({
      ok: true,
      value: { summary: { state: 'unavailable', reason: 'bubblewrap is not installed' } },
    });
  });

  it('Linux without nesting: codex gets its sandbox off and its sandboxing modes withheld', () => {
    const prepared = sandboxWith({ ...BWRAP, nested: false }).prepare(
      request({ providerKind: 'codex', command: '/opt/codex-acp', args: [] }),
    );
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.value.args.slice(-3)).toEqual([
      '/opt/codex-acp',
      '-c',
      'sandbox_mode="danger-full-access"',
    ]);
    expect(prepared.value.withheldModes).toEqual(['auto', 'read-only']);
    prepared.value.dispose();
  });

  it('a worktree that is gone is a clear problem, not an unconfined start', () => {
    expect(sandboxWith(BWRAP).prepare(request({ worktree: path.join(dataDir, 'gone') }))).toEqual({
      ok: false,
      error: `Could not prepare the agent's sandbox: the worktree ${path.join(dataDir, 'gone')} does not exist`,
    });
  });
});

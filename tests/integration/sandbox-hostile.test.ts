import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Session } from '../../src/shared/contract/sessions';
import { git } from '../fixtures/repo-builders';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { eventually, pidAlive, pidsWith } from '../helpers/processes';
import { seedWorkspace } from '../helpers/seed-workspace';
import { SessionWatch, useFakeAgent } from './sessions-helpers';

/**
 * Issue 19: a hostile agent under YOLO, confined by bubblewrap. Every attempt on what is not its worktree
 * fails in the operating system (not in our ACP handlers: it uses node:fs and `sh -c` itself), the session keeps
 * working, a commit in the worktree works, and nothing it started outlives the session.
 */
describe.runIf(process.platform === 'linux')('agent sandbox (bubblewrap) against a hostile agent', () => {
  let t: TestCore;
  let watch: SessionWatch;
  let home: string;
  let outsideDir: string;
  const marker = `ff-hostile-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    t = await startTestCore();
    watch = await SessionWatch.start(t);
    home = makeTempDir('ff-hostile-home-');
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'FAKE PRIVATE KEY');
    // Outside /tmp too: the sandbox's /tmp is private, so a target there would only be missing.
    const cacheRoot = path.join(os.homedir(), '.cache', 'ff-tests');
    mkdirSync(cacheRoot, { recursive: true });
    outsideDir = mkdtempSync(path.join(cacheRoot, 'outside-'));
  });
  afterAll(async () => {
    watch.stop();
    await t.stop({ removeData: true });
    rmSync(outsideDir, { recursive: true, force: true });
    for (const pid of pidsWith(marker)) process.kill(pid, 'SIGKILL');
  });

  it('fails every write, read and escape outside the worktree at the OS level; commits work; nothing survives', async () => {
    const seeded = await seedWorkspace(t);
    const other = await seedWorkspace(t, { repo: seeded.repo, name: 'Other task' });
    const worktree = seeded.workspace.worktreePath;
    const otherTree = other.workspace.worktreePath;
    const dataDb = path.join(t.dataDir, 'data.db');
    const targets = {
      outside: path.join(outsideDir, 'pwned.txt'),
      main: path.join(seeded.repo, 'pwned.txt'),
      otherTree: path.join(otherTree, 'pwned.txt'),
      hook: path.join(seeded.repo, '.git', 'hooks', 'post-commit'),
      config: path.join(seeded.repo, '.git', 'config'),
    };
    const key = path.join(home, '.ssh', 'id_rsa');
    const attack = [
      ...Object.values(targets).map((p) => ({ fsWrite: { path: p, content: '#!/bin/sh\necho pwned\n' } })),
      { fsRead: key },
      { fsRead: dataDb },
      { fsRead: path.join(otherTree, 'README.md') },
      {
        sh: `echo pwned > '${targets.outside}'; echo pwned > '${targets.main}'; echo pwned > '${targets.otherTree}'`,
      },
      { sh: `cat '${key}' '${dataDb}'` },
      {
        sh: `echo hi > inside.txt && git add inside.txt && git commit -q -m 'from the sandbox' && git log -1 --format=%s`,
      },
      { sh: 'mkdir -p "$npm_config_cache/x" "$XDG_CACHE_HOME/pip" && echo "caches in $TMPDIR"' },
      { daemon: marker },
      { sh: `setsid sh -c 'sleep 1000; : ${marker}-sh' >/dev/null 2>&1 < /dev/null & echo started` },
    ];
    await useFakeAgent(t, { turns: [{ match: 'attack', steps: attack }], default: [{ echo: true }] });
    const current = await t.client.settings.get();
    await t.client.settings.update({
      providers: {
        ...current.providers,
        fake: { ...current.providers.fake, env: { ...current.providers.fake?.env, HOME: home } },
      },
      defaultPermissionPreset: 'YOLO',
    });

    const session = await firstTurn(t, watch, seeded.workspace.id, 'attack');
    const text = watch.agentText(session.id);

    // The session says it is confined, and by what.
    expect(session.sandbox?.state).toBe('on');
    expect(session.sandbox?.mechanism).toBe('bwrap');
    expect(session.sandbox?.hidden.map((h) => h.path)).toEqual(
      expect.arrayContaining([path.join(home, '.ssh'), seeded.repo, otherTree]),
    );

    for (const target of Object.values(targets)) {
      expect(text).toMatch(new RegExp(`fsWrite error (EROFS|ENOENT|EACCES|EPERM) ${escapeRegExp(target)}`));
    }
    expect(readFileSync(targets.config, 'utf8')).not.toContain('pwned');
    expect(() => readFileSync(targets.hook)).toThrow();
    for (const target of [targets.outside, targets.main, targets.otherTree])
      expect(() => readFileSync(target)).toThrow();
    expect(text).toMatch(new RegExp(`fsRead error ENOENT ${escapeRegExp(key)}`));
    expect(text).toMatch(new RegExp(`fsRead error ENOENT ${escapeRegExp(dataDb)}`));
    expect(text).toMatch(
      new RegExp(`fsRead error ENOENT ${escapeRegExp(path.join(otherTree, 'README.md'))}`),
    );
    expect(text).not.toContain('FAKE PRIVATE KEY');
    expect(text).not.toContain('SQLite format');
    // sh -c fails the same way, and the commit in the worktree lands in the repository.
    expect(text).toMatch(/sh exit=[1-9]\d* ".*(Read-only file system|No such file).*"/);
    expect(text).toContain('sh exit=0 "from the sandbox"');
    expect(git(worktree, 'log', '-1', '--format=%s')).toBe('from the sandbox');
    // Tool caches (npm, XDG) go to the private temp folder: the home folder is read-only.
    expect(text).toContain('sh exit=0 "caches in /tmp"');
    expect(git(seeded.repo, 'log', '-1', '--format=%s', other.workspace.branch)).not.toBe('from the sandbox');

    // The session keeps working in its worktree.
    await t.client.sessions.prompt({ sessionId: session.id, text: 'still there?' });
    await watch.turnEnd(session.id, 2);
    expect(watch.agentText(session.id)).toContain('echo: still there?');

    // What it started to outlive it is alive now, and gone with the session.
    expect(pidsWith(marker).length).toBeGreaterThanOrEqual(2);
    const pid = session.process.pid as number;
    await t.client.sessions.stop({ sessionId: session.id });
    await eventually(() => !pidAlive(pid), 'the sandbox to exit');
    await eventually(() => pidsWith(marker).length === 0, 'every process the agent started to be gone');
  });
});

describe.runIf(process.platform === 'linux')('both layers agree on what is inside', () => {
  it('a folder added for the project is writable through fs/* and to the agent itself; another is neither', async () => {
    const t = await startTestCore();
    onTestFinished(() => t.stop({ removeData: true }));
    const watch = await SessionWatch.start(t);
    onTestFinished(() => watch.stop());
    const seeded = await seedWorkspace(t);
    const cacheRoot = path.join(os.homedir(), '.cache', 'ff-tests');
    mkdirSync(cacheRoot, { recursive: true });
    const added = mkdtempSync(path.join(cacheRoot, 'added-'));
    const other = mkdtempSync(path.join(cacheRoot, 'not-added-'));
    onTestFinished(() => {
      rmSync(added, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    });
    await t.client.settings.update({
      sandboxProjects: { [seeded.project.id]: { enabled: true, writablePaths: [added] } },
    });
    await useFakeAgent(t, {
      default: [
        { write: { path: path.join(added, 'by-acp.txt'), content: 'acp' } },
        { fsWrite: { path: path.join(added, 'by-agent.txt'), content: 'agent' } },
        { write: { path: path.join(other, 'by-acp.txt'), content: 'acp' } },
        { fsWrite: { path: path.join(other, 'by-agent.txt'), content: 'agent' } },
      ],
    });
    const session = await firstTurn(t, watch, seeded.workspace.id, 'write');
    expect(session.sandbox?.writable).toContainEqual({ path: added, role: 'user' });
    expect(readFileSync(path.join(added, 'by-acp.txt'), 'utf8')).toBe('acp');
    expect(readFileSync(path.join(added, 'by-agent.txt'), 'utf8')).toBe('agent');
    const text = watch.agentText(session.id);
    expect(text).toContain('write error: Invalid params: The path is outside the workspace worktree');
    expect(text).toMatch(new RegExp(`fsWrite error EROFS ${escapeRegExp(path.join(other, 'by-agent.txt'))}`));
  });
});

describe.runIf(process.platform === 'linux')('network per provider', () => {
  it('an agent reaches a local server with the network on, and not with it off', async () => {
    const t = await startTestCore();
    onTestFinished(() => t.stop({ removeData: true }));
    const watch = await SessionWatch.start(t);
    onTestFinished(() => watch.stop());
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const probe = `const s = require('net').connect(${port}, '127.0.0.1'); s.on('connect', () => { console.log('connected'); process.exit(0); }); s.on('error', (e) => { console.log(e.code); process.exit(1); });`;
    const script = { default: [{ sh: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(probe)}` }] };
    const seeded = await seedWorkspace(t);
    await useFakeAgent(t, script, 'online');
    await useFakeAgent(t, script, 'offline');
    const current = await t.client.settings.get();
    await t.client.settings.update({
      providers: {
        ...current.providers,
        offline: {
          ...current.providers.offline,
          sandbox: { ...current.providers.offline?.sandbox, network: false },
        },
      },
    });
    for (const [provider, expected] of [
      ['online', 'sh exit=0 "connected"'],
      ['offline', 'sh exit=1 "ECONNREFUSED"'],
    ] as const) {
      const created = await t.client.sessions.create({
        workspaceId: seeded.workspace.id,
        provider,
        prompt: 'probe',
      });
      await watch.turnEnd(created.id, 1);
      expect(watch.agentText(created.id)).toContain(expected);
      expect((await t.client.sessions.get({ sessionId: created.id })).sandbox?.network).toBe(
        provider === 'online',
      );
    }
  });
});

describe('agents where no sandbox is available', () => {
  it('run unconfined and the session says so, with how to install bubblewrap', async () => {
    const t = await startTestCore({ env: { PATH: process.env.PATH, FF_BWRAP: 'none' } });
    onTestFinished(() => t.stop({ removeData: true }));
    const watch = await SessionWatch.start(t);
    onTestFinished(() => watch.stop());
    const seeded = await seedWorkspace(t);
    const outside = path.join(makeTempDir('ff-unconfined-'), 'written.txt');
    await useFakeAgent(t, { default: [{ fsWrite: { path: outside, content: 'unconfined' } }] });
    const session = await firstTurn(t, watch, seeded.workspace.id, 'go');
    expect(session.sandbox).toMatchObject({ state: 'unavailable', mechanism: 'none', hidden: [] });
    expect(session.sandbox?.reason).toMatch(/apt install bubblewrap/);
    expect((await t.client.system.info()).sandbox).toMatchObject({ mechanism: 'none' });
    // The same hostile write the sandbox stops goes through here: the attack above is a real one.
    expect(readFileSync(outside, 'utf8')).toBe('unconfined');
  });
});

/** Starts a session of the fake agent with `prompt`; the session once its first turn has ended. */
async function firstTurn(
  t: TestCore,
  watch: SessionWatch,
  workspaceId: string,
  prompt: string,
): Promise<Session> {
  const created = await t.client.sessions.create({ workspaceId, provider: 'fake', prompt });
  await watch.turnEnd(created.id, 1);
  return t.client.sessions.get({ sessionId: created.id });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

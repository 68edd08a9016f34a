import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safe } from '@orpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';

describe('sessions.providers: a provider whose command does not resolve is not available', () => {
  let t: TestCore;
  let workspaceId: string;
  let dir: string;

  beforeAll(async () => {
    t = await startTestCore();
    workspaceId = (await seedWorkspace(t)).workspace.id;
    dir = makeTempDir('ff-provider-cmd-');
    writeFileSync(path.join(dir, 'not-executable'), '#!/bin/sh\n');
    writeFileSync(path.join(dir, 'my-agent'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'my-agent'), 0o755);
    await t.client.settings.update({
      providers: {
        ghost: { command: 'ff-no-such-agent-4b1d' },
        gone: { command: path.join(dir, 'missing-agent') },
        plain: { command: path.join(dir, 'not-executable') },
        folder: { command: dir },
        absolute: { command: path.join(dir, 'my-agent') },
        onpath: { command: 'my-agent', env: { PATH: dir } },
        node: { command: path.basename(process.execPath), env: { PATH: path.dirname(process.execPath) } },
        codex: { command: 'ff-no-such-codex-4b1d' },
      },
    });
  });
  afterAll(async () => {
    await t.stop({ removeData: true });
  });

  it('says "not found" for a missing name, a missing or non-executable path, and a folder', async () => {
    const providers = await t.client.sessions.providers();
    const byId = new Map(providers.map((p) => [p.id, p]));
    for (const id of ['ghost', 'gone', 'plain', 'folder', 'codex']) {
      expect(byId.get(id), id).toMatchObject({
        available: false,
        problem: expect.stringMatching(/not found/i),
      });
    }
    for (const id of ['absolute', 'onpath', 'node', 'claude'])
      expect(byId.get(id), id).toMatchObject({ available: true, problem: null });
  });

  it('refuses to create a session for it with AGENT_UNAVAILABLE and the reason', async () => {
    const [error] = await safe(t.client.sessions.create({ workspaceId, provider: 'ghost' }));
    expect(error).toMatchObject({
      code: 'AGENT_UNAVAILABLE',
      data: { provider: 'ghost', reason: expect.stringContaining('ff-no-such-agent-4b1d') },
    });
    expect(await t.client.sessions.list({ workspaceId })).toEqual([]);
  });
});

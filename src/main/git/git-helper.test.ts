import { describe, expect, it } from 'vitest';
import { eventually, pidAlive } from '../../../tests/helpers/processes';
import { type ExecRequest, GitHelper } from './git-helper';

const request = (args: string[], extra: Partial<ExecRequest> = {}): ExecRequest => ({
  args,
  cwd: process.cwd(),
  env: { ...process.env, LC_ALL: 'C' },
  timeoutMs: 30_000,
  maxBuffer: 1024 * 1024,
  ...extra,
});

describe('GitHelper', () => {
  it('runs git in a helper process, not in the calling process', async () => {
    const helper = new GitHelper();
    try {
      const result = await helper.run(request(['--version']));
      expect(result).toMatchObject({ ok: true, code: 0 });
      expect(result.stdout).toMatch(/^git version /);
      expect(helper.helperPid).not.toBeNull();
      expect(helper.helperPid).not.toBe(process.pid);
      const failed = await helper.run(request(['rev-parse', '--verify', 'no-such-ref-anywhere']));
      expect(failed.ok).toBe(false);
      expect(failed.code).toBe(128);
    } finally {
      helper.stop();
    }
  });

  it('fails the calls of a helper that dies, then starts a new one', async () => {
    const helper = new GitHelper();
    try {
      await helper.run(request(['--version']));
      const first = helper.helperPid!;
      // `cat-file --batch` waits for input that never comes, so the call is in flight when the helper dies.
      const hanging = helper.run(request(['cat-file', '--batch']));
      process.kill(first, 'SIGKILL');
      expect(await hanging).toMatchObject({ ok: false, stderr: expect.stringContaining('interrupted') });
      await eventually(() => !pidAlive(first), 'the killed helper is gone');
      expect((await helper.run(request(['--version']))).ok).toBe(true);
      expect(helper.helperPid).not.toBe(first);
    } finally {
      helper.stop();
    }
  });

  it('kills git when the caller aborts', async () => {
    const helper = new GitHelper();
    try {
      const controller = new AbortController();
      const hanging = helper.run(request(['cat-file', '--batch'], { signal: controller.signal }));
      controller.abort();
      expect((await hanging).ok).toBe(false);
      // The helper survives an aborted call.
      expect((await helper.run(request(['--version']))).ok).toBe(true);
    } finally {
      helper.stop();
    }
  });

  it('runs git in the calling process when no helper can be started', async () => {
    const helper = new GitHelper({ execPath: '/nonexistent/runtime', env: process.env });
    const result = await helper.run(request(['--version']));
    expect(result).toMatchObject({ ok: true, code: 0 });
    expect(helper.helperPid).toBeNull();
    helper.stop();
  });
});

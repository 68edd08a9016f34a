import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBranch } from '../../src/main/git/push';
import { cloneOrigin, commitFiles, git, makeRepo, makeRepoWithOrigin } from '../fixtures/repo-builders';

/** A branch with one commit of its own, in a repository whose origin is a real local bare repository. */
function repoWithBranch(branch = 'feature/x') {
  const made = makeRepoWithOrigin();
  git(made.repo, 'checkout', '-q', '-b', branch);
  const sha = commitFiles(made.repo, { 'a.txt': 'a\n' }, 'a');
  return { ...made, branch, sha };
}

describe('pushBranch', () => {
  it('pushes a new branch to origin and sets it as the upstream', async () => {
    const { repo, origin, branch, sha } = repoWithBranch();
    const pushed = await pushBranch({ cwd: repo, branch });
    expect(pushed).toEqual({
      ok: true,
      value: { remote: 'origin', branch, sha, upToDate: false, forced: false },
    });
    expect(git(origin, 'rev-parse', `refs/heads/${branch}`)).toBe(sha);
    expect(git(repo, 'rev-parse', '--abbrev-ref', `${branch}@{upstream}`)).toBe(`origin/${branch}`);

    const again = await pushBranch({ cwd: repo, branch });
    expect(again.ok && again.value.upToDate).toBe(true);
  });

  it('refuses a non-fast-forward push and leaves the remote branch as it was', async () => {
    const { repo, origin, branch } = repoWithBranch();
    expect((await pushBranch({ cwd: repo, branch })).ok).toBe(true);
    const other = cloneOrigin(origin);
    git(other, 'checkout', '-q', branch);
    const theirs = commitFiles(other, { 'b.txt': 'theirs\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', branch);
    commitFiles(repo, { 'c.txt': 'mine\n' }, 'mine');

    const pushed = await pushBranch({ cwd: repo, branch });
    expect(pushed.ok).toBe(false);
    if (pushed.ok) return;
    expect(pushed.error.kind).toBe('REJECTED');
    expect(pushed.error.message).toMatch(/non-fast-forward/);
    expect(git(origin, 'rev-parse', `refs/heads/${branch}`)).toBe(theirs);
  });

  it('with forceWithLease replaces a rewritten branch only while the remote is at the expected commit', async () => {
    const { repo, origin, branch, sha } = repoWithBranch();
    expect((await pushBranch({ cwd: repo, branch })).ok).toBe(true);
    // Rewrite the branch (as a rebase would): a plain push is refused, a leased one goes.
    git(repo, 'commit', '-q', '--amend', '-m', 'a, reworded');
    const rewritten = git(repo, 'rev-parse', 'HEAD');
    expect((await pushBranch({ cwd: repo, branch })).ok).toBe(false);
    const forced = await pushBranch({ cwd: repo, branch, forceWithLease: { expectedSha: sha } });
    expect(forced).toMatchObject({ ok: true, value: { sha: rewritten, forced: true } });
    expect(git(origin, 'rev-parse', `refs/heads/${branch}`)).toBe(rewritten);

    // Someone pushes meanwhile: the lease on the old commit no longer holds, and their commit stays.
    const other = cloneOrigin(origin);
    git(other, 'checkout', '-q', branch);
    const theirs = commitFiles(other, { 'b.txt': 'theirs\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', branch);
    git(repo, 'commit', '-q', '--amend', '-m', 'a, reworded again');
    const stale = await pushBranch({ cwd: repo, branch, forceWithLease: { expectedSha: rewritten } });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error.kind).toBe('STALE_LEASE');
    expect(stale.error.message).toContain(rewritten.slice(0, 12));
    expect(git(origin, 'rev-parse', `refs/heads/${branch}`)).toBe(theirs);
  });

  it('refuses a lease that is not a full commit id, without running the push', async () => {
    const { repo, origin, branch } = repoWithBranch();
    const pushed = await pushBranch({ cwd: repo, branch, forceWithLease: { expectedSha: 'HEAD~1' } });
    expect(pushed).toMatchObject({ ok: false, error: { kind: 'FAILED' } });
    expect(() => git(origin, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`)).toThrow();
  });

  it('says there is no remote when the repository has no origin', async () => {
    const repo = makeRepo();
    const pushed = await pushBranch({ cwd: repo, branch: 'main' });
    expect(pushed).toMatchObject({ ok: false, error: { kind: 'NO_REMOTE' } });
    if (!pushed.ok) expect(pushed.error.message).toContain('"origin"');
  });

  it('says there is no such branch to push', async () => {
    const { repo } = makeRepoWithOrigin();
    const pushed = await pushBranch({ cwd: repo, branch: 'missing' });
    expect(pushed).toMatchObject({ ok: false, error: { kind: 'FAILED' } });
    if (!pushed.ok) expect(pushed.error.message).toContain('missing');
  });

  describe('against a remote that refuses the credentials', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      // Git's smart HTTP asks for info/refs first; answering 401 to everything is what a host does with no
      // or a wrong token.
      server = createServer((_req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end('unauthorized');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/octo/app.git`;
    });
    afterAll(() => server.close());

    it('says the credentials were refused', async () => {
      const { repo, branch } = repoWithBranch();
      git(repo, 'remote', 'set-url', 'origin', url);
      const pushed = await pushBranch({ cwd: repo, branch });
      expect(pushed).toMatchObject({ ok: false, error: { kind: 'AUTH_FAILED' } });
      if (!pushed.ok) expect(pushed.error.message).toMatch(/refused the credentials/);
    });
  });
});

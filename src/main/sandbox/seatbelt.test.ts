import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../tests/fixtures/sandbox-facts';
import { buildSandboxPolicy } from './policy';
import { seatbeltProfile } from './seatbelt';

describe('Seatbelt profile (macOS)', () => {
  const profile = seatbeltProfile(buildSandboxPolicy(FACTS));
  const lines = profile.trim().split('\n');

  it('denies writes by default and allows the private temp folder', () => {
    expect(lines.slice(0, 3)).toEqual(['(version 1)', '(allow default)', '(deny file-write*)']);
    expect(lines).toContain('(allow file-read* file-write* (subpath "/tmp/ff-agent-abc"))');
  });

  it('writes the same steps as bubblewrap, in the same order (a later rule wins)', () => {
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, line).toBeGreaterThan(-1);
      return i;
    };
    const hideData = at('(deny file-read* file-write* (subpath "/home/u/ff"))');
    const worktree = at('(allow file-read* file-write* (subpath "/home/u/ff/worktrees/app/task"))');
    expect(hideData).toBeLessThan(worktree);
    at('(deny file-read* file-write* (subpath "/home/u/.ssh"))');
    at('(deny file-read* file-write* (literal "/home/u/.netrc"))');
    const gitRead = at('(allow file-read* (subpath "/home/u/code/app/.git"))');
    expect(at('(deny file-read* file-write* (subpath "/home/u/code/app"))')).toBeLessThan(gitRead);
    expect(gitRead).toBeLessThan(
      at('(allow file-read* file-write* (subpath "/home/u/code/app/.git/objects"))'),
    );
    expect(at('(deny file-write* (literal "/home/u/code/app/.git/config"))')).toBeGreaterThan(gitRead);
    at('(deny file-write* (subpath "/home/u/code/app/.git/hooks"))');
    expect(profile).not.toContain('network');
  });

  it('denies the network when the policy has none, and quotes paths', () => {
    const odd = seatbeltProfile(
      buildSandboxPolicy({ ...FACTS, network: false, worktree: '/w/with "quote" and \\slash' }),
    );
    expect(odd).toContain('(deny network*)');
    expect(odd).toContain('(subpath "/w/with \\"quote\\" and \\\\slash")');
  });
});

import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../tests/fixtures/sandbox-facts';
import { bwrapArgs } from './bwrap';
import { buildSandboxPolicy } from './policy';

/** The argv as `flag args…` groups, for reading. */
function groups(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (a.startsWith('--')) out.push(a);
    else out[out.length - 1] += ` ${a}`;
  }
  return out;
}

describe('bubblewrap argv', () => {
  const argv = bwrapArgs(buildSandboxPolicy(FACTS), '/usr/bin/node', ['agent.js', '--flag']);
  const g = groups(argv);

  it('starts read-only with a fresh /dev, /proc and a private /tmp', () => {
    expect(g.slice(0, 4)).toEqual([
      '--ro-bind / /',
      '--dev /dev',
      '--proc /proc',
      '--bind /tmp/ff-agent-abc /tmp',
    ]);
  });

  it('hides folders behind read-only tmpfs (remounted after the binds inside them) and files behind /dev/null', () => {
    expect(g).toContain('--tmpfs /home/u/.ssh');
    expect(g).toContain('--ro-bind /dev/null /home/u/.netrc');
    const remount = g.indexOf('--remount-ro /home/u/ff');
    expect(remount).toBeGreaterThan(
      g.indexOf('--bind /home/u/ff/worktrees/app/task /home/u/ff/worktrees/app/task'),
    );
    expect(g).toContain('--remount-ro /home/u/code/app');
  });

  it('binds writable folders and re-binds protected git paths read-only after them', () => {
    const refs = g.indexOf('--bind /home/u/code/app/.git/refs /home/u/code/app/.git/refs');
    expect(refs).toBeGreaterThan(g.indexOf('--ro-bind /home/u/code/app/.git /home/u/code/app/.git'));
    expect(g).toContain('--ro-bind /home/u/code/app/.git/hooks /home/u/code/app/.git/hooks');
    expect(g).toContain('--ro-bind /home/u/code/app/.git/config /home/u/code/app/.git/config');
    expect(g).toContain('--ro-bind /home/u/ff/worktrees/app/task/.git /home/u/ff/worktrees/app/task/.git');
  });

  it('runs in its own PID namespace, dies with the core, and ends with the command', () => {
    expect(g).toEqual(expect.arrayContaining(['--unshare-pid', '--die-with-parent', '--unshare-ipc']));
    expect(g).not.toContain('--unshare-net');
    expect(argv.slice(-6)).toEqual(['--chdir', FACTS.worktree, '--', '/usr/bin/node', 'agent.js', '--flag']);
  });

  it('cuts the network when the policy has none', () => {
    const offline = bwrapArgs(buildSandboxPolicy({ ...FACTS, network: false }), 'a', []);
    expect(offline).toContain('--unshare-net');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SandboxMechanism } from '../../shared/contract/sandbox';
import { commandProblem } from '../sessions/agent/command-lookup';

/** What this machine can confine agents with; `problem` says why not (and how to fix it) when `none`. */
export interface SandboxSupport {
  mechanism: SandboxMechanism;
  /** The program that applies it (bwrap, sandbox-exec). */
  program: string | null;
  problem: string | null;
}

export const INSTALL_BWRAP =
  'Install bubblewrap (Debian/Ubuntu: `sudo apt install bubblewrap`; Fedora: `sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`), then restart the agent.';

const SEATBELT = '/usr/bin/sandbox-exec';

/**
 * Finds how agents can be confined here. Linux: `bwrap` on PATH (or `FF_BWRAP`; `FF_BWRAP=none` acts as if
 * it were missing), tried once with the namespaces the sandbox uses, since a kernel without unprivileged user
 * namespaces makes it fail at every start. macOS: sandbox-exec. Windows: none.
 */
export function detectSandboxSupport(env: NodeJS.ProcessEnv, platform = process.platform): SandboxSupport {
  if (platform === 'win32') {
    return {
      mechanism: 'none',
      program: null,
      problem: 'Windows has no sandbox for agents in Factory Factory yet: agents can write anywhere you can.',
    };
  }
  if (platform === 'darwin') {
    return existsSync(SEATBELT)
      ? { mechanism: 'seatbelt', program: SEATBELT, problem: null }
      : { mechanism: 'none', program: null, problem: `${SEATBELT} is missing: agents run unconfined.` };
  }
  const program = env.FF_BWRAP || 'bwrap';
  if (program === 'none' || commandProblem(program, env.PATH)) {
    return {
      mechanism: 'none',
      program: null,
      problem: `bubblewrap (bwrap) is not installed. ${INSTALL_BWRAP}`,
    };
  }
  const probe = spawnSync(
    program,
    ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', 'true'],
    { timeout: 10_000, encoding: 'utf8', env: { PATH: env.PATH ?? '' } },
  );
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().slice(0, 300);
    return {
      mechanism: 'none',
      program: null,
      problem: `bubblewrap cannot create a sandbox on this machine (${why}); unprivileged user namespaces may be disabled.`,
    };
  }
  return { mechanism: 'bwrap', program, problem: null };
}

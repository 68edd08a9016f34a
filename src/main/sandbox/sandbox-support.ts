import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SandboxMechanism } from '../../shared/contract/sandbox';
import { commandProblem } from '../sessions/agent/command-lookup';
import { BWRAP_BASE } from './bwrap';

/** What this machine can confine agents with; `problem` says why not (and how to fix it) when `none`. */
export interface SandboxSupport {
  mechanism: SandboxMechanism;
  /** The program that applies it (bwrap, sandbox-exec). */
  program: string | null;
  problem: string | null;
  /**
   * Whether a sandbox can be made inside ours (codex-acp's own `workspace-write` runs bubblewrap): when not,
   * codex runs with its own sandbox off inside ours (see agent-sandbox.ts).
   */
  nested: boolean;
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
  const none = (problem: string): SandboxSupport => ({
    mechanism: 'none',
    program: null,
    problem,
    nested: false,
  });
  if (platform === 'win32') {
    return none(
      'Windows has no sandbox for agents in Factory Factory yet: agents can write anywhere you can.',
    );
  }
  if (platform === 'darwin') {
    return existsSync(SEATBELT)
      ? { mechanism: 'seatbelt', program: SEATBELT, problem: null, nested: false }
      : none(`${SEATBELT} is missing: agents run unconfined.`);
  }
  const program = env.FF_BWRAP || 'bwrap';
  if (program === 'none' || commandProblem(program, env.PATH)) {
    return none(`bubblewrap (bwrap) is not installed. ${INSTALL_BWRAP}`);
  }
  const outer = [...BWRAP_BASE, '--unshare-pid', '--die-with-parent'];
  const run = (args: string[]) =>
    spawnSync(program, args, { timeout: 10_000, encoding: 'utf8', env: { PATH: env.PATH ?? '' } });
  const probe = run([...outer, 'true']);
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().slice(0, 300);
    return none(
      `bubblewrap cannot create a sandbox on this machine (${why}); unprivileged user namespaces may be disabled.`,
    );
  }
  const inner = [
    '--ro-bind',
    '/',
    '/',
    '--unshare-user',
    '--unshare-pid',
    '--unshare-net',
    '--dev',
    '/dev',
    'true',
  ];
  // FF_SANDBOX_NO_NESTING=1 acts as if it could not (to try codex's fallback on a machine where it can).
  const nested = env.FF_SANDBOX_NO_NESTING !== '1' && run([...outer, '--', program, ...inner]).status === 0;
  return { mechanism: 'bwrap', program, problem: null, nested };
}

import { mountPlan } from './mount-plan';
import { PRIVATE_TMP, type SandboxPolicy } from './policy';

/** Where the private temp folder appears inside the sandbox (the agent's TMPDIR). */
export const SANDBOX_TMP = PRIVATE_TMP;

/** Every sandbox's base: the whole file system read-only, a fresh /dev and /proc. */
export const BWRAP_BASE: readonly string[] = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];

/**
 * The bubblewrap command line that runs `command args` under `policy`: the whole file system read-only, the
 * policy's steps on top (hidden folders become empty read-only tmpfs mounts, hidden files an empty file), a
 * private /tmp, a fresh /dev and /proc, its own PID and IPC namespaces (so everything the agent starts ends
 * with it), and the sandbox killed when the core dies. `--unshare-net` when the policy has no network.
 */
export function bwrapArgs(policy: SandboxPolicy, command: string, args: readonly string[]): string[] {
  const argv = [...BWRAP_BASE, '--bind', policy.privateTemp, SANDBOX_TMP];
  const remount: string[] = [];
  for (const step of mountPlan(policy)) {
    if (step.action === 'write') argv.push('--bind', step.path, step.path);
    else if (step.action === 'read') argv.push('--ro-bind', step.path, step.path);
    else if (step.kind === 'file') argv.push('--ro-bind', '/dev/null', step.path);
    else {
      argv.push('--tmpfs', step.path);
      // Read-only only once the deeper steps have made their mount points inside it.
      remount.push('--remount-ro', step.path);
    }
  }
  argv.push(...remount);
  argv.push('--unshare-pid', '--unshare-ipc', '--die-with-parent');
  if (!policy.network) argv.push('--unshare-net');
  argv.push('--chdir', policy.worktree, '--', command, ...args);
  return argv;
}

import { GitHelper } from './git-helper';

export interface GitResult {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunGitOptions {
  cwd: string;
  /** Extra environment (merged over a minimal, non-interactive git environment). */
  env?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs git with an argument array (never a shell string), non-interactively. Failures are returned, not
 * thrown, so callers can turn them into typed results. Callers put `--` before user-supplied paths.
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  return helper.run({
    args: [...args],
    cwd: options.cwd,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: 'echo',
      SSH_ASKPASS: 'echo',
      GIT_OPTIONAL_LOCKS: '0',
      LC_ALL: 'C',
      ...options.env,
    },
    maxBuffer: 64 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 120_000,
    signal: options.signal,
  });
}

/** Git runs from one helper process per core process (see git-helper.ts). */
const helper = new GitHelper();

let holders = 0;

/**
 * A core holds the git helper while it runs; when the last holder lets go, the helper process is stopped
 * (a later git call starts a new one). Returns the release function, which is idempotent.
 */
export function holdGitHelper(): () => void {
  holders++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders === 0) helper.stop();
  };
}

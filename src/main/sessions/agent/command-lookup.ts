import path from 'node:path';
import { isExecutableFile } from '../../processes/executable-file';

/**
 * Why `command` cannot be started, or null when it can (as far as we can tell before spawning): an absolute
 * path must be an executable file; a bare name must be one in a folder of `PATH` (the agent's own PATH, which
 * a provider's settings may override). A relative path with a folder in it runs from the worktree, which
 * differs per session, so it is not checked here.
 */
export function commandProblem(command: string, envPath: string | undefined): string | null {
  if (path.isAbsolute(command)) {
    return isExecutableFile(command) ? null : `Command not found: ${command} is not an executable file`;
  }
  if (command.includes('/') || command.includes(path.sep)) return null;
  const extensions =
    process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const folder of (envPath ?? '').split(path.delimiter)) {
    if (!folder) continue;
    for (const ext of extensions) if (isExecutableFile(path.join(folder, command + ext))) return null;
  }
  return `Command not found: "${command}" is not on PATH`;
}

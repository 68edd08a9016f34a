import { existsSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/lib/result';

/** What to hand `spawn` (always with `shell: false`). */
export interface LaunchCommand {
  file: string;
  args: string[];
  /** Windows only: `args` is already one command line for cmd.exe and must not be quoted again. */
  windowsVerbatimArguments: boolean;
}

export interface LaunchCommandOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
}

/**
 * Editors whose command on PATH is a batch shim, and where the shim's program sits relative to it: VS Code's
 * `<install>\bin\code.cmd` starts `<install>\Code.exe`, Cursor's `<install>\resources\app\bin\cursor.cmd`
 * starts `<install>\Cursor.exe`. Started directly, they open a folder given as an argument the same way.
 */
const SHIM_PROGRAMS: Record<string, string[]> = {
  'code.cmd': ['..\\Code.exe'],
  'code-insiders.cmd': ['..\\Code - Insiders.exe'],
  'cursor.cmd': ['..\\..\\..\\Cursor.exe', '..\\Cursor.exe'],
};

/** Characters cmd.exe expands or that end an argument even inside quotes: refused, never escaped. */
const UNSAFE_FOR_CMD = /["%!\r\n\0]/;

/**
 * How to start `executable` with `args` without a shell. On Windows a `.cmd`/`.bat` cannot be spawned
 * directly (Node refuses it since CVE-2024-27980), and whatever runs it, cmd.exe parses the arguments again.
 * So a known editor shim is replaced by the program it starts; any other batch file runs as
 * `cmd.exe /d /v:off /s /c ""file" "arg" …"` with every argument quoted, where an argument holding a
 * character quoting cannot protect (`"`, `%`, `!`, a line break) is refused with a clear reason.
 */
export function launchCommand(
  executable: string,
  args: string[],
  options: LaunchCommandOptions,
): Result<LaunchCommand, string> {
  const direct = { file: executable, args, windowsVerbatimArguments: false };
  if (options.platform !== 'win32' || !/\.(cmd|bat)$/i.test(executable)) return ok(direct);
  const exists = options.exists ?? existsSync;
  const shim = path.win32.basename(executable).toLowerCase();
  for (const relative of SHIM_PROGRAMS[shim] ?? []) {
    const program = path.win32.resolve(path.win32.dirname(executable), relative);
    if (exists(program)) return ok({ ...direct, file: program });
  }
  const unsafe = [executable, ...args].find((a) => UNSAFE_FOR_CMD.test(a));
  if (unsafe !== undefined)
    return err(
      `${path.win32.basename(executable)} is a batch file, and "${unsafe}" holds a character (" % ! or a line break) that cannot be passed to it safely; use the program's .exe instead`,
    );
  const line = [executable, ...args].map(quoteForCmd).join(' ');
  return ok({
    file: options.env.ComSpec || options.env.COMSPEC || 'cmd.exe',
    args: ['/d', '/v:off', '/s', '/c', `"${line}"`],
    windowsVerbatimArguments: true,
  });
}

/**
 * One argument in double quotes: cmd.exe then takes `& | < > ( ) ^` and spaces literally, and a trailing
 * backslash is doubled so the program's own parser does not read `\"` as an escaped quote.
 */
function quoteForCmd(arg: string): string {
  return `"${arg.replace(/(\\+)$/, '$1$1')}"`;
}

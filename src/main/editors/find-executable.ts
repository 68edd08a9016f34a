import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The full path of `name` on `env.PATH` (with PATHEXT on Windows), or null. Looked up directly, not with
 * `which` through a shell. A name with a slash is checked as given.
 */
export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): string | null {
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const dirs = name.includes('/') || name.includes('\\') ? [''] : (env.PATH ?? '').split(path.delimiter);
  for (const dir of dirs) {
    if (dir === '' && dirs.length > 1) continue;
    for (const ext of exts) {
      const candidate = dir ? path.join(dir, name + ext) : name + ext;
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}

function isExecutableFile(file: string, platform: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

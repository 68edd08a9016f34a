import path from 'node:path';
import { err, ok, type Result } from '../../shared/lib/result';
import { isExecutableFile } from '../processes/executable-file';

export const CLOUDFLARED_INSTALL_HINTS = [
  'Install it, then run ff proxy again (or pass --cloudflared <path>):',
  '  macOS:          brew install cloudflared',
  '  Debian/Ubuntu:  see https://pkg.cloudflare.com/ (or download the .deb from the releases page)',
  '  Windows:        winget install --id Cloudflare.cloudflared',
  '  Any system:     https://github.com/cloudflare/cloudflared/releases',
].join('\n');

/**
 * The cloudflared to run: `explicit` (from --cloudflared) when given, else the first `cloudflared` on PATH.
 * A missing one is a message with install hints.
 */
export function findCloudflared(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Result<string, string> {
  if (explicit) {
    const file = path.resolve(explicit);
    return isExecutableFile(file)
      ? ok(file)
      : err(`${file} is not an executable cloudflared.\n${CLOUDFLARED_INSTALL_HINTS}`);
  }
  const names = platform === 'win32' ? ['cloudflared.exe', 'cloudflared'] : ['cloudflared'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutableFile(file)) return ok(file);
    }
  }
  return err(
    `cloudflared was not found on PATH; ff proxy uses it for the tunnel.\n${CLOUDFLARED_INSTALL_HINTS}`,
  );
}

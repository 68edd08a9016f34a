import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `content` to `file` by writing a temporary file in the same folder and renaming it over the target.
 * The rename replaces the directory entry, so a hard link inside the worktree to a file outside it is broken
 * instead of written through, and readers never see a half-written file. An existing file's mode is kept.
 */
export async function replaceFile(file: string, content: string): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const previous = await stat(file).catch(() => null);
  const temp = path.join(folder, `.${path.basename(file)}.ff-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never reuse (or follow) something already at the temporary name.
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx', mode: 0o666 });
    if (previous?.isFile()) await chmod(temp, previous.mode & 0o7777);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Writes `text` to `file` so that only the user can ever read it, and a crash leaves the old or the new file:
 * a new temporary file with an unpredictable name is created with mode 0600 (`wx`: never an existing file or
 * a link's target, so nothing planted at the name receives the text), flushed, and renamed over `file`.
 */
export function writePrivateFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

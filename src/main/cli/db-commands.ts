import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { APP_ROOT } from '../app-root';
import { resolveDataPaths } from '../paths';
import { openDatabase } from '../store/database';
import { CliError } from './errors';

interface DbOptions {
  dataDir?: string;
  databasePath?: string;
}

/** `ff db:migrate`: applies pending migrations (after a backup) and reports what it did. */
export async function migrateCommand(options: DbOptions, out: (line: string) => void): Promise<void> {
  const { databasePath } = resolveDataPaths(options);
  const opened = await openDatabase(databasePath);
  if (!opened.ok) throw new CliError(opened.error.message);
  opened.value.close();
  if (opened.value.replacedEmptyFile) {
    out(`${databasePath} was an empty file (0 bytes); a new database was created in its place.`);
  }
  if (opened.value.applied === 0) out(`${databasePath} is up to date.`);
  else out(`Applied ${opened.value.applied} migration(s) to ${databasePath}.`);
  if (opened.value.backupPath) out(`Backup of the previous file: ${opened.value.backupPath}`);
}

/**
 * `ff db:reset`: moves the database aside (a timestamped copy of the file and its WAL/SHM siblings is kept)
 * and creates an empty, migrated one. Asks first unless `--yes`.
 */
export async function resetCommand(
  options: DbOptions & { yes: boolean },
  out: (line: string) => void,
  now = () => new Date(),
): Promise<void> {
  const { databasePath } = resolveDataPaths(options);
  if (existsSync(databasePath)) {
    if (!options.yes) {
      if (!process.stdin.isTTY) throw new CliError('Refusing to reset without confirmation; pass --yes');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`Reset ${databasePath}? A backup copy is kept. [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        out('Nothing changed.');
        return;
      }
    }
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const backup = `${databasePath}.reset-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(databasePath + suffix)) copyFileSync(databasePath + suffix, backup + suffix);
    }
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(databasePath + suffix)) unlinkSync(databasePath + suffix);
    }
    out(`Backup: ${backup}`);
  }
  const opened = await openDatabase(databasePath);
  if (!opened.ok) throw new CliError(opened.error.message);
  opened.value.close();
  out(`Created an empty database at ${databasePath}.`);
}

/** `ff db:studio`: drizzle-kit studio on the database (a development tool; needs devDependencies). */
export async function studioCommand(options: DbOptions): Promise<void> {
  const { databasePath } = resolveDataPaths(options);
  const bin = path.join(
    APP_ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'drizzle-kit.cmd' : 'drizzle-kit',
  );
  if (!existsSync(bin))
    throw new CliError('db:studio needs drizzle-kit (run `npm install` in the repository)');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ['studio', '--config', path.join(APP_ROOT, 'drizzle.config.ts')], {
      stdio: 'inherit',
      cwd: APP_ROOT,
      env: { ...process.env, FF_DATABASE_PATH: databasePath },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 || code === null ? resolve() : reject(new CliError(`drizzle-kit exited with ${code}`)),
    );
  });
}

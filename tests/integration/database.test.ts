import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/store/database';
import { findMigrationsFolder, readJournal } from '../../src/main/store/migrations';
import { makeTempDir } from '../helpers/core-harness';
import { runFf } from '../helpers/ff-process';

const migrationsFolder = findMigrationsFolder();
const journal = readJournal(migrationsFolder);

/** A migrations folder holding only the first `count` migrations: the database of an earlier release. */
function earlierMigrations(count: number): string {
  const dir = makeTempDir('ff-migrations-');
  mkdirSync(path.join(dir, 'meta'));
  const entries = journal.slice(0, count);
  for (const e of entries)
    copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  const full = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...full, entries }));
  return dir;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('database migrations', () => {
  it('has at least one committed migration', () => {
    expect(journal.length).toBeGreaterThan(0);
  });

  it.each(journal.map((e, i) => [e.tag, i + 1] as const))(
    'upgrades a database written at %s to the latest schema, keeping its data and a backup',
    async (_tag, count) => {
      const file = path.join(makeTempDir(), 'data.db');
      const old = new Database(file);
      migrate(drizzle(old), {
        migrationsFolder: earlierMigrations(count),
        migrationsTable: '__drizzle_migrations',
      });
      old
        .prepare(
          "INSERT INTO projects (id, name, path, default_branch) VALUES ('p1', 'Demo', '/tmp/demo', 'main')",
        )
        .run();
      old.close();

      const opened = await openDatabase(file);
      if (!opened.ok) throw new Error(opened.error.message);
      expect(opened.value.applied).toBe(journal.length - count);
      const row = opened.value.sqlite.prepare("SELECT name FROM projects WHERE id = 'p1'").get();
      expect(row).toEqual({ name: 'Demo' });
      const applied = opened.value.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
      expect(applied).toEqual({ n: journal.length });
      expect(opened.value.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.value.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      if (count < journal.length) {
        expect(opened.value.backupPath && existsSync(opened.value.backupPath)).toBe(true);
        const backup = new Database(opened.value.backupPath as string, { readonly: true });
        expect(backup.prepare("SELECT name FROM projects WHERE id = 'p1'").get()).toEqual({ name: 'Demo' });
        backup.close();
        // It holds what the database held before migrating, plain-text keys of earlier builds included.
        if (process.platform !== 'win32') {
          expect(statSync(opened.value.backupPath as string).mode & 0o777).toBe(0o600);
        }
      } else expect(opened.value.backupPath).toBeNull();
      opened.value.close();
    },
  );

  it('creates a fresh database with every migration applied', async () => {
    const file = path.join(makeTempDir(), 'nested', 'data.db');
    const opened = await openDatabase(file);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.applied).toBe(journal.length);
    expect(opened.value.backupPath).toBeNull();
    opened.value.close();
  });

  it('creates a new data folder readable by the user only (transcripts and logs live there)', async () => {
    const dir = path.join(makeTempDir(), 'fresh-data');
    const opened = await openDatabase(path.join(dir, 'data.db'));
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('keeps a zero-byte data file as a backup before creating a database in its place, and says so', async () => {
    const file = path.join(makeTempDir(), 'data.db');
    writeFileSync(file, '');
    const opened = await openDatabase(file);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.replacedEmptyFile).toBe(true);
    expect(opened.value.applied).toBe(journal.length);
    const backup = opened.value.backupPath as string;
    expect(existsSync(backup) && statSync(backup).size).toBe(0);
    opened.value.close();

    // The command line tells the person who ran it.
    const dataDir = makeTempDir();
    writeFileSync(path.join(dataDir, 'data.db'), '');
    const migrated = await runFf(['db:migrate', '--data-dir', dataDir]);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('was an empty file (0 bytes)');
    const [, kept] = migrated.stdout.match(/Backup of the previous file: (.+)/) ?? [];
    expect(kept && statSync(kept.trim()).size).toBe(0);
  });

  it('refuses a file that is not a database, leaving it byte-for-byte unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.db');
    writeFileSync(file, 'this is not sqlite, but it is the user’s file');
    const before = sha(file);
    const opened = await openDatabase(file);
    expect(opened).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database with a damaged page, unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.db');
    const opened = await openDatabase(file);
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.value.sqlite.pragma('journal_mode = DELETE');
    opened.value.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096, 4096 + 16); // scribble over the second page's b-tree header
    writeFileSync(file, bytes);
    const before = sha(file);
    const again = await openDatabase(file);
    expect(again).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(sha(file)).toBe(before);
  });

  it('refuses a database written by a newer version, unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.db');
    const opened = await openDatabase(file);
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-the-future', Date.now() + 365 * 24 * 3600 * 1000);
    opened.value.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.value.close();
    const before = sha(file);
    const again = await openDatabase(file);
    expect(again).toMatchObject({ ok: false, error: { code: 'DATABASE_NEWER' } });
    expect(again.ok ? '' : again.error.message).toMatch(/newer version/);
    expect(sha(file)).toBe(before);
  });

  it('reports a data path that cannot be a folder', async () => {
    const file = path.join(makeTempDir(), 'a-file');
    writeFileSync(file, 'x');
    const opened = await openDatabase(path.join(file, 'data.db'));
    expect(opened).toMatchObject({ ok: false, error: { code: 'DATABASE_UNWRITABLE' } });
  });
});

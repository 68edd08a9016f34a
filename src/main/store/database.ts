import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { findMigrationsFolder, readJournal } from './migrations';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  /** Migrations applied by this open (0 when already current). */
  applied: number;
  /** Copy of the file taken before migrating an existing database (or replacing an empty file), if any. */
  backupPath: string | null;
  /**
   * The file was there but empty (0 bytes): a new database was created in its place and the empty file kept
   * at `backupPath`. An empty data file usually means something went wrong (a failed copy or sync), so the
   * caller says so instead of starting as if nothing was there.
   */
  replacedEmptyFile: boolean;
  close(): void;
}

export type DatabaseProblem =
  | { code: 'DATABASE_UNWRITABLE'; message: string }
  | { code: 'DATABASE_CORRUPT'; message: string }
  | { code: 'DATABASE_NEWER'; message: string }
  | { code: 'DATABASE_LOCKED'; message: string };

export type OpenDatabaseResult = { ok: true; value: OpenedDatabase } | { ok: false; error: DatabaseProblem };

const SQLITE_HEADER = 'SQLite format 3\0';
const MIGRATIONS_TABLE = '__drizzle_migrations';

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function checkWritable(file: string): DatabaseProblem | null {
  const dir = path.dirname(file);
  try {
    // A new data folder is the user's only: it holds transcripts, logs and (in ff serve) the secrets file.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    return null;
  } catch (error) {
    return {
      code: 'DATABASE_UNWRITABLE',
      message: `Cannot write the database at ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
}

/**
 * Inspects an existing file read-only: it must be a healthy SQLite database whose applied migrations are all
 * known to this build. Nothing is written until this passes.
 */
function inspectExisting(file: string, knownWhen: number[]): { applied: number } | DatabaseProblem {
  if (statSync(file).size === 0) return { applied: 0 };
  if (!hasSqliteHeader(file)) {
    return { code: 'DATABASE_CORRUPT', message: `${file} is not a SQLite database (or is corrupt)` };
  }
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const check = ro.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      return { code: 'DATABASE_CORRUPT', message: `${file} failed its integrity check: ${check}` };
    const table = ro
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(MIGRATIONS_TABLE);
    if (!table) return { applied: 0 };
    const rows = ro.prepare(`SELECT created_at AS whenMs FROM ${MIGRATIONS_TABLE}`).all() as Array<{
      whenMs: number;
    }>;
    const known = new Set(knownWhen);
    const latest = Math.max(0, ...knownWhen);
    if (rows.some((r) => !known.has(Number(r.whenMs)) && Number(r.whenMs) > latest)) {
      return {
        code: 'DATABASE_NEWER',
        message: `${file} was written by a newer version of Factory Factory; update the app or choose another --database-path`,
      };
    }
    return { applied: rows.length };
  } catch (error) {
    const message = (error as Error).message;
    if (/locked|busy/i.test(message))
      return { code: 'DATABASE_LOCKED', message: `${file} is locked: ${message}` };
    return { code: 'DATABASE_CORRUPT', message: `${file} cannot be read: ${message}` };
  } finally {
    ro?.close();
  }
}

/**
 * Opens (creating when missing) the database, checks it, backs it up when it needs migrating, and applies
 * pending migrations. Settings: WAL, foreign keys on, 5 s busy timeout. Problems come back as values and
 * leave the file exactly as it was.
 */
export async function openDatabase(
  file: string,
  options: { migrationsFolder?: string; now?: () => Date } = {},
): Promise<OpenDatabaseResult> {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  const journal = readJournal(migrationsFolder);
  const unwritable = checkWritable(file);
  if (unwritable) return { ok: false, error: unwritable };

  const present = existsSync(file);
  const existed = present && statSync(file).size > 0;
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  let backupPath: string | null = null;
  const replacedEmptyFile = present && !existed;
  if (replacedEmptyFile) {
    backupPath = `${file}.backup-${stamp}`;
    copyFileSync(file, backupPath);
  }
  let alreadyApplied = 0;
  if (existed) {
    const inspected = inspectExisting(
      file,
      journal.map((e) => e.when),
    );
    if ('code' in inspected) return { ok: false, error: inspected };
    alreadyApplied = inspected.applied;
  }

  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');

    const pending = journal.length - alreadyApplied;
    if (existed && pending > 0) {
      backupPath = `${file}.backup-${stamp}`;
      // Created readable only by the user before SQLite fills it (it keeps an existing file's mode): the copy
      // holds whatever the database held, plain-text keys of earlier builds included.
      closeSync(openSync(backupPath, 'wx', 0o600));
      await sqlite.backup(backupPath);
    }
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder, migrationsTable: MIGRATIONS_TABLE });
    return {
      ok: true,
      value: {
        db,
        sqlite,
        applied: Math.max(0, pending),
        backupPath,
        replacedEmptyFile,
        close: () => sqlite.close(),
      },
    };
  } catch (error) {
    sqlite.close();
    const message = (error as Error).message;
    if (/locked|busy/i.test(message)) {
      return { ok: false, error: { code: 'DATABASE_LOCKED', message: `${file} is locked: ${message}` } };
    }
    throw error;
  }
}

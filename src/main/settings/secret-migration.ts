import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { looksSecret } from '../../shared/lib/secret-mask';
import { type SecretStore, secretNames } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { settings } from '../store/schema';

/** The row earlier builds kept the pasted GitHub token in, as plain text. */
const LEGACY_SECRETS_KEY = 'secrets';
const APP_KEY = 'app';
const LEGACY_NAMES: Record<string, string> = { githubToken: secretNames.githubToken };

export interface SecretMigrationDeps {
  db: Db;
  /** The same database's connection, to overwrite removed values on disk. */
  sqlite: Database.Database;
  secrets: SecretStore;
}

/**
 * Moves secrets earlier builds kept as plain text in data.db (the `secrets` row; provider variables whose
 * name looks secret in the `app` row) into the secret store, then removes them from the database. Each value
 * is written to the store before its row changes, so a crash at any point leaves it in one place or both,
 * and the next start finishes the move. Removed values are overwritten on disk (secure_delete, then a WAL
 * checkpoint), not just unlinked from the b-tree. Returns how many values moved.
 */
export function moveSecretsOutOfDatabase(deps: SecretMigrationDeps): number {
  const { db, secrets } = deps;
  const read = (key: string): unknown =>
    db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
  let moved = 0;

  const legacy = read(LEGACY_SECRETS_KEY);
  const plainRows: Array<() => void> = [];
  if (legacy !== null) {
    for (const [name, value] of Object.entries(isRecord(legacy) ? legacy : {})) {
      if (typeof value !== 'string' || !value) continue;
      secrets.set(LEGACY_NAMES[name] ?? `settings/${name}`, value);
      moved++;
    }
    plainRows.push(() => db.delete(settings).where(eq(settings.key, LEGACY_SECRETS_KEY)).run());
  }

  const app = read(APP_KEY);
  if (isRecord(app) && isRecord(app.providers)) {
    const providers = structuredClone(app.providers) as Record<string, unknown>;
    let changed = false;
    for (const [id, provider] of Object.entries(providers)) {
      if (!isRecord(provider) || !isRecord(provider.env)) continue;
      for (const [variable, value] of Object.entries(provider.env)) {
        if (!looksSecret(variable) || typeof value !== 'string') continue;
        secrets.set(secretNames.providerEnv(id, variable), value);
        delete provider.env[variable];
        moved++;
        changed = true;
      }
    }
    if (changed) {
      const value = { ...app, providers };
      plainRows.push(() =>
        db.update(settings).set({ value, updatedAt: new Date() }).where(eq(settings.key, APP_KEY)).run(),
      );
    }
  }

  if (plainRows.length === 0) return moved;
  const { sqlite } = deps;
  const secureDelete = sqlite.pragma('secure_delete', { simple: true });
  sqlite.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      for (const change of plainRows) change();
    });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
  return moved;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/events/event-bus';
import { createMemoryLogger } from '../../src/main/logging/logger';
import { FileSecretStore } from '../../src/main/secrets/file-secret-store';
import { openSecretStore, SECRETS_FILE } from '../../src/main/secrets/open-secret-store';
import type { SecretStore } from '../../src/main/secrets/secret-store';
import { moveSecretsOutOfDatabase } from '../../src/main/settings/secret-migration';
import { SettingsService } from '../../src/main/settings/settings-service';
import { openDatabase } from '../../src/main/store/database';
import { settings } from '../../src/main/store/schema';
import { makeTempDir, startTestCore, type TestCore } from '../helpers/core-harness';

const ANTHROPIC = 'sk-ant-plain-text-in-the-database';
const TOKEN = 'ghp_plainTextTokenInTheDatabase';

/** A data folder whose data.db holds secrets the way earlier builds kept them: plain text. */
async function legacyDataDir(): Promise<string> {
  const dataDir = makeTempDir('ff-legacy-secrets-');
  const opened = await openDatabase(path.join(dataDir, 'data.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const now = new Date();
  opened.value.db
    .insert(settings)
    .values([
      { key: 'secrets', value: { githubToken: TOKEN }, updatedAt: now },
      {
        key: 'app',
        value: {
          theme: 'dark',
          providers: {
            claude: { label: 'Claude', env: { ANTHROPIC_API_KEY: ANTHROPIC, HTTPS_PROXY: 'http://p' } },
          },
        },
        updatedAt: now,
      },
    ])
    .run();
  opened.value.close();
  return dataDir;
}

/** Every byte SQLite keeps for the database (main file and write-ahead log). */
function databaseBytes(dataDir: string): string {
  const files = ['data.db', 'data.db-wal'].map((f) => path.join(dataDir, f));
  return files.map((f) => readFileSync(f, { flag: 'a+' }).toString('latin1')).join('');
}

function rows(dataDir: string): Record<string, unknown> {
  const sqlite = new Database(path.join(dataDir, 'data.db'), { readonly: true });
  const all = sqlite.prepare('select key, value from settings').all() as { key: string; value: string }[];
  sqlite.close();
  return Object.fromEntries(all.map((r) => [r.key, JSON.parse(r.value)]));
}

describe('secrets out of data.db', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.stop({ removeData: true });
    t = null;
  });

  it('at start, moves plain-text secrets from data.db into the secret store and wipes them from the file', async () => {
    const dataDir = await legacyDataDir();
    expect(databaseBytes(dataDir)).toContain(ANTHROPIC);
    t = await startTestCore({ dataDir });

    const stored = JSON.parse(readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')).secrets;
    expect(stored).toEqual({ 'github/token': TOKEN, 'provider/claude/env/ANTHROPIC_API_KEY': ANTHROPIC });
    expect(rows(dataDir)).toEqual({
      app: { theme: 'dark', providers: { claude: { label: 'Claude', env: { HTTPS_PROXY: 'http://p' } } } },
    });
    const bytes = databaseBytes(dataDir);
    expect(bytes).not.toContain(ANTHROPIC);
    expect(bytes).not.toContain(TOKEN);

    // The core still has them; the renderer gets them masked.
    expect(t.core.services.settings.get().providers.claude?.env).toEqual({
      HTTPS_PROXY: 'http://p',
      ANTHROPIC_API_KEY: ANTHROPIC,
    });
    expect(t.core.services.settings.secret('githubToken')).toBe(TOKEN);
    expect((await t.client.settings.get()).providers.claude?.env).toEqual({
      HTTPS_PROXY: 'http://p',
      ANTHROPIC_API_KEY: '••••••••base',
    });
    expect((await t.client.github.status()).hasPastedToken).toBe(true);
  });

  it('writes the store before it touches data.db: a store that fails leaves every row as it was', async () => {
    const dataDir = await legacyDataDir();
    const before = rows(dataDir);
    const opened = await openDatabase(path.join(dataDir, 'data.db'));
    if (!opened.ok) throw new Error(opened.error.message);
    const real = openSecretStore({ dataDir, warn: () => {} }).store;
    const seenRows: Record<string, unknown>[] = [];
    let writes = 0;
    const failing: SecretStore = {
      ...real,
      kind: real.kind,
      path: real.path,
      get: (n) => real.get(n),
      names: () => real.names(),
      delete: (n) => real.delete(n),
      set(name, value) {
        seenRows.push(rows(dataDir));
        if (++writes === 2) throw new Error('disk full');
        real.set(name, value);
      },
    };
    expect(() =>
      moveSecretsOutOfDatabase({ db: opened.value.db, sqlite: opened.value.sqlite, secrets: failing }),
    ).toThrow('disk full');
    // Every store write happened while data.db still held the value; after the failure it still does.
    for (const seen of seenRows) expect(seen).toEqual(before);
    expect(rows(dataDir)).toEqual(before);

    // The next start finishes the move.
    expect(
      moveSecretsOutOfDatabase({ db: opened.value.db, sqlite: opened.value.sqlite, secrets: real }),
    ).toBe(2);
    expect(real.get('github/token')).toBe(TOKEN);
    expect(rows(dataDir)).not.toHaveProperty('secrets');
    expect(
      moveSecretsOutOfDatabase({ db: opened.value.db, sqlite: opened.value.sqlite, secrets: real }),
    ).toBe(0);
    opened.value.close();
  });

  it('settings never put a provider key in data.db or in an answer; a mask keeps it, a removed row deletes it', async () => {
    t = await startTestCore();
    const { client, dataDir } = t;
    const storedSecrets = () =>
      JSON.parse(readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')).secrets as Record<string, string>;
    const saved = await client.settings.update({
      providers: { codex: { env: { OPENAI_API_KEY: 'sk-short', BASE_URL: 'http://proxy' } } },
    });
    expect(saved.providers.codex?.env).toEqual({ BASE_URL: 'http://proxy', OPENAI_API_KEY: '••••••••' });
    expect(storedSecrets()).toEqual({ 'provider/codex/env/OPENAI_API_KEY': 'sk-short' });
    expect(databaseBytes(dataDir)).not.toContain('sk-short');

    // The renderer sends the mask back with another change: the stored key stays.
    await client.settings.update({
      providers: { codex: { label: 'Codex', env: { OPENAI_API_KEY: '••••••••', BASE_URL: 'http://proxy' } } },
    });
    expect(t.core.services.settings.get().providers.codex?.env?.OPENAI_API_KEY).toBe('sk-short');
    // Replaced, then removed (the row is gone from the provider's environment).
    await client.settings.update({ providers: { codex: { env: { OPENAI_API_KEY: 'sk-replaced' } } } });
    expect(storedSecrets()).toEqual({ 'provider/codex/env/OPENAI_API_KEY': 'sk-replaced' });
    await client.settings.update({ providers: { codex: { label: 'Codex' } } });
    expect(storedSecrets()).toEqual({});
    expect((await client.settings.get()).providers.codex).toEqual({ label: 'Codex' });
    expect(databaseBytes(dataDir)).not.toContain('sk-replaced');
  });

  it('custom request headers (a gateway key rides in them) are kept and shown like a key', async () => {
    t = await startTestCore();
    const headers = 'x-api-key: gw-live-0123456789abcdef';
    const saved = await t.client.settings.update({
      providers: { claude: { env: { ANTHROPIC_CUSTOM_HEADERS: headers } } },
    });
    expect(saved.providers.claude?.env?.ANTHROPIC_CUSTOM_HEADERS).toBe('••••••••cdef');
    expect(JSON.stringify(await t.client.settings.get())).not.toContain('gw-live');
    expect(databaseBytes(t.dataDir)).not.toContain('gw-live');
    expect(t.core.services.settings.get().providers.claude?.env?.ANTHROPIC_CUSTOM_HEADERS).toBe(headers);
  });

  it('a save keeps a stored key the renderer never saw (the keychain cannot decrypt it now)', async () => {
    const dataDir = makeTempDir('ff-undecryptable-');
    const opened = await openDatabase(path.join(dataDir, 'data.db'));
    if (!opened.ok) throw new Error(opened.error.message);
    const file = path.join(dataDir, 'secrets.keychain.json');
    // Encrypted under another OS account or keychain: it may decrypt again there.
    const sealed = { 'provider/claude/env/ANTHROPIC_API_KEY': 'sealed-elsewhere' };
    writeFileSync(file, JSON.stringify({ version: 1, secrets: sealed }));
    const secrets = new FileSecretStore({
      path: file,
      codec: {
        kind: 'keychain',
        encode: (plain) => `ours:${plain}`,
        decode: (stored) => {
          if (!stored.startsWith('ours:')) throw new Error('encrypted by another keychain');
          return stored.slice('ours:'.length);
        },
      },
      warn: () => {},
    });
    const service = new SettingsService({
      db: opened.value.db,
      events: new EventBus(),
      logger: createMemoryLogger(),
      secrets,
    });
    service.update({ providers: { claude: { label: 'Claude' } } });
    // The renderer shows no key for claude, and sends back what it shows plus a new provider key.
    const shown = service.publicView().providers;
    expect(shown.claude?.env).toBeUndefined();
    service.update({ providers: { ...shown, codex: { env: { OPENAI_API_KEY: 'sk-new-codex-key' } } } });
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).toEqual({
      ...sealed,
      'provider/codex/env/OPENAI_API_KEY': 'ours:sk-new-codex-key',
    });
    // A value typed for that variable replaces it, and removing the row then deletes it.
    service.update({ providers: { ...shown, claude: { env: { ANTHROPIC_API_KEY: 'sk-ant-typed-again' } } } });
    expect(secrets.get('provider/claude/env/ANTHROPIC_API_KEY')).toBe('sk-ant-typed-again');
    service.update({ providers: { claude: { label: 'Claude' } } });
    expect(secrets.names()).toEqual([]);
    opened.value.close();
  });
});

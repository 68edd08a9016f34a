import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore, plainCodec } from './file-secret-store';
import {
  KEYCHAIN_SECRETS_FILE,
  openSecretStore,
  type SafeStoragePort,
  SECRETS_FILE,
} from './open-secret-store';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ff-secrets-'));
const modeOf = (file: string) => statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

/** Electron's safeStorage as far as the store can tell: bytes that are not the text, and back. */
class FakeSafeStorage implements SafeStoragePort {
  encrypted: string[] = [];
  constructor(
    private readonly available = true,
    private readonly backend = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    this.encrypted.push(plain);
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  }
}

describe('the file secret store (ff serve)', () => {
  it.runIf(posix)('creates its file readable only by the user and keeps values across restarts', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const { store, note } = openSecretStore({ dataDir: dir, warn: (m) => warnings.push(m) });
    expect(note).toBeNull();
    expect(store.kind).toBe('file');
    store.set('github/token', 'ghp_first');
    store.set('provider/claude/env/ANTHROPIC_API_KEY', 'sk-ant-1');
    const file = path.join(dir, SECRETS_FILE);
    expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SECRETS_FILE]); // no temporary file left behind

    store.delete('github/token');
    expect(modeOf(file)).toBe(0o600);
    const again = new FileSecretStore({ path: file, codec: plainCodec, warn: (m) => warnings.push(m) });
    expect(again.names()).toEqual(['provider/claude/env/ANTHROPIC_API_KEY']);
    expect(again.get('provider/claude/env/ANTHROPIC_API_KEY')).toBe('sk-ant-1');
    expect(again.get('github/token')).toBeNull();
    expect(warnings).toEqual([]);
  });

  it.runIf(posix)('closes a file that was left readable by others', () => {
    const dir = tempDir();
    const file = path.join(dir, SECRETS_FILE);
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { a: 'b' } }), { mode: 0o644 });
    expect(modeOf(file)).toBe(0o644);
    const store = new FileSecretStore({ path: file, codec: plainCodec, warn: () => {} });
    expect(modeOf(file)).toBe(0o600);
    expect(store.get('a')).toBe('b');
  });

  it('moves an unreadable file aside instead of overwriting it', () => {
    const dir = tempDir();
    const file = path.join(dir, SECRETS_FILE);
    writeFileSync(file, '{ not json', { mode: 0o600 });
    const warnings: string[] = [];
    const store = new FileSecretStore({ path: file, codec: plainCodec, warn: (m) => warnings.push(m) });
    expect(store.names()).toEqual([]);
    const aside = readdirSync(dir).find((f) => f.startsWith(`${SECRETS_FILE}.unreadable-`));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dir, aside as string), 'utf8')).toBe('{ not json');
    expect(warnings).toEqual([expect.stringContaining('is not valid; it was moved to')]);
    store.set('x', 'y');
    expect(new FileSecretStore({ path: file, codec: plainCodec, warn: () => {} }).get('x')).toBe('y');
  });
});

describe('the keychain secret store (desktop app)', () => {
  it('stores only what safeStorage encrypted and reads it back through safeStorage', () => {
    const dir = tempDir();
    const safeStorage = new FakeSafeStorage();
    const { store, note } = openSecretStore({ dataDir: dir, safeStorage, warn: () => {} });
    expect(note).toBeNull();
    expect(store.kind).toBe('keychain');
    store.set('provider/codex/env/OPENAI_API_KEY', 'sk-plain-text-key');
    expect(safeStorage.encrypted).toEqual(['sk-plain-text-key']);
    const text = readFileSync(path.join(dir, KEYCHAIN_SECRETS_FILE), 'utf8');
    expect(text).not.toContain('sk-plain-text-key');
    if (posix) expect(modeOf(path.join(dir, KEYCHAIN_SECRETS_FILE))).toBe(0o600);

    const reopened = openSecretStore({ dataDir: dir, safeStorage: new FakeSafeStorage(), warn: () => {} });
    expect(reopened.store.get('provider/codex/env/OPENAI_API_KEY')).toBe('sk-plain-text-key');
  });

  it('a value the keychain cannot decrypt reads as missing, with a warning, and stays in the file', () => {
    const dir = tempDir();
    const file = path.join(dir, KEYCHAIN_SECRETS_FILE);
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { 'github/token': 'Zm9yZWlnbg==' } }));
    const warnings: string[] = [];
    const { store } = openSecretStore({
      dataDir: dir,
      safeStorage: new FakeSafeStorage(),
      warn: (m) => warnings.push(m),
    });
    expect(store.get('github/token')).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('github/token')]);
    expect(warnings[0]).not.toContain('Zm9yZWlnbg');
    expect(store.names()).toEqual(['github/token']);
  });

  it.each([
    ['encryption is unavailable', new FakeSafeStorage(false)],
    ['Linux has no keyring (basic_text)', new FakeSafeStorage(true, 'basic_text')],
  ])('falls back to the user-only file with a note when %s', (_why, safeStorage) => {
    const dir = tempDir();
    const { store, note } = openSecretStore({ dataDir: dir, safeStorage, warn: () => {} });
    expect(store.kind).toBe('file');
    expect(note).toContain('The OS keychain is not available');
    expect(note).toContain(path.join(dir, SECRETS_FILE));
    store.set('github/token', 'ghp_x');
    expect(safeStorage.encrypted).toEqual([]);
    expect(existsSync(path.join(dir, SECRETS_FILE))).toBe(true);
  });

  it('moves secrets kept in the file (no keychain last time) into the keychain once it is there', () => {
    const dir = tempDir();
    openSecretStore({ dataDir: dir, warn: () => {} }).store.set('github/token', 'ghp_from_file');
    const safeStorage = new FakeSafeStorage();
    const { store } = openSecretStore({ dataDir: dir, safeStorage, warn: () => {} });
    expect(store.get('github/token')).toBe('ghp_from_file');
    expect(safeStorage.encrypted).toEqual(['ghp_from_file']);
    expect(existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });
});

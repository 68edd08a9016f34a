import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FileSecretStore, plainCodec, type SecretCodec } from './file-secret-store';
import type { SecretStore } from './secret-store';

/** The part of Electron's `safeStorage` the keychain store uses; injected, so this folder never imports it. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux: `basic_text` means no keyring answered, and the "encryption" is a key built into Chromium. */
  getSelectedStorageBackend?(): string;
}

/** Values encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet), base64 in the file. */
export function keychainCodec(safeStorage: SafeStoragePort): SecretCodec {
  return {
    kind: 'keychain',
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

export const SECRETS_FILE = 'secrets.json';
export const KEYCHAIN_SECRETS_FILE = 'secrets.keychain.json';

export interface OpenSecretStoreOptions {
  dataDir: string;
  /** Electron's safeStorage in the desktop app; absent in `ff serve`. */
  safeStorage?: SafeStoragePort;
  warn(message: string): void;
}

export interface OpenedSecretStore {
  store: SecretStore;
  /** Why secrets are not where the user would expect (no keychain on this machine), or null. */
  note: string | null;
}

/**
 * The desktop app keeps secrets encrypted by the OS keychain when it has one; `ff serve`, and the desktop app
 * on a Linux without a keyring, keep them in a file only the user can read. Secrets left in that file by an
 * earlier run without a keychain move into the keychain store once one is available (written there first,
 * then the file is removed, so a crash in between loses nothing).
 */
export function openSecretStore(options: OpenSecretStoreOptions): OpenedSecretStore {
  const filePath = path.join(options.dataDir, SECRETS_FILE);
  const fileStore = () => new FileSecretStore({ path: filePath, codec: plainCodec, warn: options.warn });
  const { safeStorage } = options;
  if (!safeStorage) return { store: fileStore(), note: null };
  if (!keychainAvailable(safeStorage)) {
    return {
      store: fileStore(),
      note: `The OS keychain is not available (on Linux, a keyring such as GNOME Keyring or KWallet must be running), so API keys and tokens are kept in ${filePath}, readable only by you.`,
    };
  }
  const store = new FileSecretStore({
    path: path.join(options.dataDir, KEYCHAIN_SECRETS_FILE),
    codec: keychainCodec(safeStorage),
    warn: options.warn,
  });
  if (existsSync(filePath)) {
    const plain = fileStore();
    for (const name of plain.names()) {
      const value = plain.get(name);
      // The file was the store of the latest run (keychain missing then): its values are the newest.
      if (value !== null) store.set(name, value);
    }
    rmSync(filePath, { force: true });
  }
  return { store, note: null };
}

function keychainAvailable(safeStorage: SafeStoragePort): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return false;
  }
}

import { chmodSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from './private-file';
import type { SecretStore, SecretStoreKind } from './secret-store';

/** How a value is written in the file: as is (the file's mode protects it) or encrypted by the OS keychain. */
export interface SecretCodec {
  kind: SecretStoreKind;
  encode(plain: string): string;
  /** Throws when the value cannot be decoded (encrypted under another OS account or keychain). */
  decode(stored: string): string;
}

export const plainCodec: SecretCodec = { kind: 'file', encode: (v) => v, decode: (v) => v };

const SecretsFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export interface FileSecretStoreDeps {
  path: string;
  codec: SecretCodec;
  /** Told about a value that cannot be decoded or a file that cannot be read; never given a secret. */
  warn(message: string): void;
  platform?: NodeJS.Platform;
}

/**
 * Secrets in one JSON file, `{ version, secrets: { name: encoded } }`, readable and writable only by the
 * user (mode 0600). Every write goes to a new file created with that mode and is renamed over the old one,
 * so the file is never readable by others, even for a moment, and a crash leaves the old or the new file.
 * A file that cannot be parsed is moved aside (never overwritten) and the store starts empty.
 */
export class FileSecretStore implements SecretStore {
  readonly kind: SecretStoreKind;
  readonly path: string;
  private readonly encoded: Map<string, string>;
  private readonly decoded = new Map<string, string>();

  constructor(private readonly deps: FileSecretStoreDeps) {
    this.kind = deps.codec.kind;
    this.path = deps.path;
    this.encoded = this.load();
  }

  get(name: string): string | null {
    const cached = this.decoded.get(name);
    if (cached !== undefined) return cached;
    const stored = this.encoded.get(name);
    if (stored === undefined) return null;
    try {
      const value = this.deps.codec.decode(stored);
      this.decoded.set(name, value);
      return value;
    } catch (error) {
      // Kept in the file as it is: it may decrypt again under the right account; a new value replaces it.
      this.deps.warn(`The secret ${name} in ${this.path} cannot be decrypted: ${(error as Error).message}`);
      return null;
    }
  }

  set(name: string, value: string): void {
    const next = new Map(this.encoded).set(name, this.deps.codec.encode(value));
    this.save(next);
    this.encoded.set(name, next.get(name) as string);
    this.decoded.set(name, value);
  }

  delete(name: string): void {
    if (!this.encoded.has(name)) return;
    const next = new Map(this.encoded);
    next.delete(name);
    this.save(next);
    this.encoded.delete(name);
    this.decoded.delete(name);
  }

  names(): string[] {
    return [...this.encoded.keys()].sort();
  }

  private load(): Map<string, string> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new Error(`The secrets file ${this.path} cannot be read: ${(error as Error).message}`);
    }
    // A file left readable by others (copied, restored from a backup) is closed before anything else.
    if (this.platform() !== 'win32') {
      try {
        chmodSync(this.path, 0o600);
      } catch (error) {
        this.deps.warn(
          `The secrets file ${this.path} could not be made private: ${(error as Error).message}`,
        );
      }
    }
    let parsed: z.infer<typeof SecretsFile> | null = null;
    try {
      parsed = SecretsFile.parse(JSON.parse(text));
    } catch {
      const aside = `${this.path}.unreadable-${Date.now()}`;
      renameSync(this.path, aside);
      this.deps.warn(
        `The secrets file ${this.path} is not valid; it was moved to ${aside} and a new one started`,
      );
      return new Map();
    }
    return new Map(Object.entries(parsed.secrets));
  }

  private save(secrets: Map<string, string>): void {
    const body = JSON.stringify({ version: 1, secrets: Object.fromEntries(secrets) }, null, 2);
    writePrivateFile(this.path, `${body}\n`);
  }

  private platform(): NodeJS.Platform {
    return this.deps.platform ?? process.platform;
  }
}

import { eq } from 'drizzle-orm';
import { AppSettings } from '../../shared/contract/settings';
import { isMaskedSecret, looksSecret, maskSecret } from '../../shared/lib/secret-mask';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { type SecretStore, secretNames } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { settings } from '../store/schema';

const APP_KEY = 'app';

export type SecretName = keyof typeof SECRET_NAMES;
const SECRET_NAMES = { githubToken: secretNames.githubToken };

export interface SettingsServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
  /** Where provider API keys and the pasted GitHub token live (never data.db). */
  secrets: SecretStore;
}

/**
 * App-wide settings stored as one validated JSON document. A stored value that no longer parses (edited by
 * hand, or from an older build) falls back to defaults per key instead of failing the app. This service is
 * the document's only writer, so it is read and validated once and then served from memory (sessions read
 * it on every turn).
 *
 * Provider environment variables whose name looks secret (`looksSecret`) are not in the document: they live
 * in the secret store. `get()` (core services only) has them; `publicView()`, what procedures and events
 * carry, has them masked, and a mask sent back in `update` keeps the stored value.
 */
export class SettingsService {
  private cached: AppSettings | null = null;

  constructor(private readonly deps: SettingsServiceDeps) {}

  /** The settings with secrets in full, for core services only; a copy callers may keep or change. */
  get(): AppSettings {
    return this.withProviderSecrets((value) => value);
  }

  /** The settings as the renderer may see them: provider secrets masked. */
  publicView(): AppSettings {
    return this.withProviderSecrets(maskSecret);
  }

  /**
   * Merges the keys into the stored settings and returns the public view. Provider secrets go to the secret
   * store (a masked value keeps what is stored; a variable no longer listed is removed from the store).
   */
  update(patch: Partial<AppSettings>): AppSettings {
    const next = AppSettings.parse({ ...this.document(), ...patch });
    if (patch.providers !== undefined) next.providers = this.storeProviderSecrets(next.providers);
    this.write(APP_KEY, next);
    this.cached = next;
    const view = this.publicView();
    this.deps.events.publish({ type: 'settings.changed', settings: view });
    return structuredClone(view);
  }

  /** A stored secret, or null. Only core services read these; no procedure returns them. */
  secret(name: SecretName): string | null {
    return this.deps.secrets.get(SECRET_NAMES[name]);
  }

  /** Stores a secret, or removes it with null. */
  setSecret(name: SecretName, value: string | null): void {
    if (value) this.deps.secrets.set(SECRET_NAMES[name], value);
    else this.deps.secrets.delete(SECRET_NAMES[name]);
  }

  /** The stored document (no provider secrets in it). */
  private document(): AppSettings {
    this.cached ??= this.load();
    return structuredClone(this.cached);
  }

  private withProviderSecrets(show: (secret: string) => string): AppSettings {
    const result = this.document();
    const names = this.deps.secrets.names();
    for (const [id, provider] of Object.entries(result.providers)) {
      const prefix = secretNames.providerPrefix(id);
      for (const name of names) {
        if (!name.startsWith(prefix)) continue;
        const value = this.deps.secrets.get(name);
        if (value !== null) provider.env = { ...provider.env, [name.slice(prefix.length)]: show(value) };
      }
    }
    return result;
  }

  /**
   * Writes the providers' secret variables to the secret store and returns the providers without them.
   * Secrets are stored before the document is written, so a crash never leaves a saved variable nowhere.
   */
  private storeProviderSecrets(providers: AppSettings['providers']): AppSettings['providers'] {
    const { secrets } = this.deps;
    const wanted = new Map<string, string>();
    const stripped: AppSettings['providers'] = {};
    for (const [id, provider] of Object.entries(providers)) {
      const { env, ...rest } = provider;
      const plain: Record<string, string> = {};
      for (const [variable, value] of Object.entries(env ?? {})) {
        if (!looksSecret(variable)) {
          plain[variable] = value;
          continue;
        }
        const name = secretNames.providerEnv(id, variable);
        // A mask with nothing stored behind it (the variable was removed meanwhile) stays removed.
        const kept = isMaskedSecret(value) ? secrets.get(name) : value;
        if (kept !== null) wanted.set(name, kept);
      }
      stripped[id] = Object.keys(plain).length > 0 ? { ...rest, env: plain } : rest;
    }
    for (const [name, value] of wanted) if (secrets.get(name) !== value) secrets.set(name, value);
    for (const name of secrets.names()) {
      // One that cannot be decrypted now was never shown, so its absence is no removal: it stays for the
      // keychain it may decrypt under again (a typed value replaces it).
      const removed = name.startsWith(secretNames.providers) && !wanted.has(name);
      if (removed && secrets.get(name) !== null) secrets.delete(name);
    }
    return stripped;
  }

  private write(key: string, value: unknown): void {
    this.deps.db
      .insert(settings)
      .values({ key, value, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
      .run();
  }

  private load(): AppSettings {
    const row = this.deps.db.select().from(settings).where(eq(settings.key, APP_KEY)).get();
    const parsed = AppSettings.safeParse(row?.value ?? {});
    if (parsed.success) return parsed.data;
    this.deps.logger.warn(
      'Stored settings are invalid; using defaults for invalid keys',
      parsed.error.message,
    );
    const stored = (row?.value ?? {}) as Record<string, unknown>;
    const repaired: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(AppSettings.shape)) {
      const value = schema.safeParse(stored[key]);
      if (value.success) repaired[key] = value.data;
    }
    return AppSettings.parse(repaired);
  }
}

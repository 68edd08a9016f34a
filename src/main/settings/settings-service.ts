import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppSettings } from '../../shared/contract/settings';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';
import { settings } from '../store/schema';

const APP_KEY = 'app';
/** Secrets the user typed (a pasted GitHub token): a row of their own, so no settings read ever carries them. */
const SECRETS_KEY = 'secrets';
const Secrets = z.record(z.string(), z.string());

export type SecretName = 'githubToken';

export interface SettingsServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
}

/**
 * App-wide settings stored as one validated JSON document. A stored value that no longer parses (edited by
 * hand, or from an older build) falls back to defaults per key instead of failing the app. This service is
 * the document's only writer, so it is read and validated once and then served from memory (sessions read
 * it on every turn).
 */
export class SettingsService {
  private cached: AppSettings | null = null;

  constructor(private readonly deps: SettingsServiceDeps) {}

  /** A copy: callers may keep or change it without touching the stored settings. */
  get(): AppSettings {
    this.cached ??= this.load();
    return structuredClone(this.cached);
  }

  update(patch: Partial<AppSettings>): AppSettings {
    const next = AppSettings.parse({ ...this.get(), ...patch });
    this.write(APP_KEY, next);
    this.cached = next;
    this.deps.events.publish({ type: 'settings.changed', settings: structuredClone(next) });
    return structuredClone(next);
  }

  /** A stored secret, or null. Only core services read these; no procedure returns them. */
  secret(name: SecretName): string | null {
    return this.secrets()[name] ?? null;
  }

  /** Stores a secret, or removes it with null. */
  setSecret(name: SecretName, value: string | null): void {
    const next = this.secrets();
    if (value) next[name] = value;
    else delete next[name];
    this.write(SECRETS_KEY, next);
  }

  private write(key: string, value: unknown): void {
    this.deps.db
      .insert(settings)
      .values({ key, value, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
      .run();
  }

  private secrets(): Record<string, string> {
    const row = this.deps.db.select().from(settings).where(eq(settings.key, SECRETS_KEY)).get();
    const parsed = Secrets.safeParse(row?.value ?? {});
    return parsed.success ? parsed.data : {};
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

import { eq } from 'drizzle-orm';
import { AppSettings } from '../../shared/contract/settings';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';
import { settings } from '../store/schema';

const APP_KEY = 'app';

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
    this.deps.db
      .insert(settings)
      .values({ key: APP_KEY, value: next, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } })
      .run();
    this.cached = next;
    this.deps.events.publish({ type: 'settings.changed', settings: structuredClone(next) });
    return structuredClone(next);
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

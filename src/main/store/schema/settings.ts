import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value settings; each value is validated by the settings contract when read. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

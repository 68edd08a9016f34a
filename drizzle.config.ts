import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/store/schema/index.ts',
  out: './drizzle',
  // Used by `ff db:studio`, which passes the resolved database path.
  dbCredentials: { url: process.env.FF_DATABASE_PATH ?? 'data.db' },
});

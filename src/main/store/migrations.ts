import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../app-root';

export interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

/**
 * Finds the committed `drizzle/` folder: in the app's resources when packaged, else at the app root (the
 * repository in development and tests, the app folder next to the bundle after `electron-vite build`).
 */
export function findMigrationsFolder(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(resources ? [path.join(resources, 'drizzle')] : []),
    path.join(APP_ROOT, 'drizzle'),
  ];
  const found = candidates.find((c) => existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Could not find the database migrations (looked in ${candidates.join(', ')})`);
  return found;
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const raw = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return raw.entries;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

/**
 * Finds the committed `drizzle/` folder: next to the sources in development and tests, next to the bundle
 * after `electron-vite build`, or in the app's resources when packaged.
 */
export function findMigrationsFolder(start = path.dirname(fileURLToPath(import.meta.url))): string {
  const candidates: string[] = [];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) candidates.push(path.join(resources, 'drizzle'));
  let dir = start;
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, 'drizzle'));
    dir = path.dirname(dir);
  }
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

import os from 'node:os';
import path from 'node:path';

export interface DataPaths {
  dataDir: string;
  databasePath: string;
  logsDir: string;
  worktreesDir: string;
}

/**
 * Where Factory Factory keeps its data. Precedence: explicit option, then FF_DATA_DIR, then the shell's
 * default (`~/factory-factory` for serve; Electron passes `app.getPath('userData')`). An empty value counts as
 * unset, so `FF_DATA_DIR=` never puts data in the current folder.
 */
export function resolveDataPaths(options: {
  dataDir?: string;
  databasePath?: string;
  defaultDataDir?: string;
  env?: NodeJS.ProcessEnv;
}): DataPaths {
  const env = options.env ?? process.env;
  const dataDir = path.resolve(
    options.dataDir ||
      env.FF_DATA_DIR ||
      options.defaultDataDir ||
      path.join(os.homedir(), 'factory-factory'),
  );
  return {
    dataDir,
    databasePath: path.resolve(options.databasePath || env.FF_DATABASE_PATH || path.join(dataDir, 'data.db')),
    logsDir: path.join(dataDir, 'logs'),
    worktreesDir: path.join(dataDir, 'worktrees'),
  };
}

/** A folder name safe on every OS, derived from a display name. */
export function safeFolderName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return cleaned || 'project';
}

/** Expands a leading `~` to the home folder (the contract lets users write `~/code/app`). */
export function expandHome(p: string): string {
  if (p === '~') return os.homedir();
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(os.homedir(), p.slice(2));
  return p;
}

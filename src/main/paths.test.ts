import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataPaths } from './paths';

describe('resolveDataPaths', () => {
  it('takes the option, then FF_DATA_DIR, then the default', () => {
    expect(resolveDataPaths({ dataDir: '/a', env: { FF_DATA_DIR: '/b' } }).dataDir).toBe('/a');
    expect(resolveDataPaths({ env: { FF_DATA_DIR: '/b' }, defaultDataDir: '/c' }).dataDir).toBe('/b');
    expect(resolveDataPaths({ env: {}, defaultDataDir: '/c' }).dataDir).toBe('/c');
    expect(resolveDataPaths({ env: {} }).dataDir).toBe(path.join(os.homedir(), 'factory-factory'));
  });

  it('treats an empty FF_DATA_DIR or FF_DATABASE_PATH as unset, never as the current folder', () => {
    const paths = resolveDataPaths({ env: { FF_DATA_DIR: '', FF_DATABASE_PATH: '' }, defaultDataDir: '/c' });
    expect(paths.dataDir).toBe('/c');
    expect(paths.databasePath).toBe('/c/data.db');
  });
});

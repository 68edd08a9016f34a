import path from 'node:path';
import { fileURLToPath } from 'node:url';
// electron-builder's own config loader and schema validator (packaging itself needs a download).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema and ships what the app needs', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const files = (config.files as Array<{ filter: string[] }>).flatMap((f) => f.filter);
    expect(files).toEqual(expect.arrayContaining(['out/**', 'drizzle/**', 'package.json']));
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/node-pty/**']),
    );
    expect(files).toContain('resources/tray*.png');
    expect(config.mac?.target).toEqual(
      expect.arrayContaining([
        { target: 'dmg', arch: ['arm64', 'x64'] },
        { target: 'zip', arch: ['arm64', 'x64'] },
      ]),
    );
    expect(config.win).toMatchObject({ target: 'nsis' });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    // electron-updater's source: GitHub releases.
    expect(config.publish).toMatchObject({ provider: 'github' });
    expect(config.protocols).toEqual([{ name: 'Factory Factory', schemes: ['factory-factory'] }]);
    // The first validation loads electron-builder's schema, which takes seconds on a busy machine.
  }, 30_000);

  it('rejects an invalid configuration (the validator is live)', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(
      validateConfiguration({ ...config, notAnOption: true } as typeof config, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
  });
});

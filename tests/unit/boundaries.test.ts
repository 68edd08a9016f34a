import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS script without type declarations
import { findViolations } from '../../scripts/check-boundaries.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ff-boundaries-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('import boundaries', () => {
  it('holds for this repository', () => {
    expect(findViolations(repoRoot)).toEqual([]);
  });

  it('flags each kind of violation and allows the legal imports', () => {
    const root = tree({
      'src/main/core.ts': "import { app } from 'electron';\n",
      'src/main/ok.ts': "import type { App } from 'electron';\nimport { x } from '../shared/lib/x';\n",
      'src/main/uses-shell.ts': "import { y } from './electron/window';\n",
      'src/main/electron/main.ts': "import { app } from 'electron';\n",
      'src/preload/index.ts': "import { contextBridge } from 'electron';\n",
      'src/renderer/app.tsx': "import { createCore } from '../main/core';\n",
      'src/renderer/ok.tsx': "import { contract } from '@shared/contract';\n",
      'src/shared/lib/x.ts': "export const x = await import('../../renderer/app');\n",
      'src/shared/lib/y.ts': "const e = require('electron');\n",
    });
    const violations: string[] = findViolations(root);
    expect(violations).toHaveLength(5);
    expect(violations.join('\n')).toContain('src/main/core.ts: imports "electron"');
    expect(violations.join('\n')).toContain('src/main/uses-shell.ts: core imports the Electron shell');
    expect(violations.join('\n')).toContain('src/renderer/app.tsx: renderer imports main-process code');
    expect(violations.join('\n')).toContain('src/shared/lib/x.ts: shared code imports');
    expect(violations.join('\n')).toContain('src/shared/lib/y.ts: shared code imports "electron"');
  });
});

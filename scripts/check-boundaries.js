#!/usr/bin/env node
// Import boundaries (DESIGN.md): only src/main/electron and src/preload import `electron`; src/renderer never
// imports src/main; src/shared imports neither src/main nor src/renderer (nor Node-only modules).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) yield full;
  }
}

/** Returns a list of `file: message` violations for the tree rooted at `root` (a folder holding `src/`). */
export function findViolations(root) {
  const src = path.join(root, 'src');
  const violations = [];
  for (const file of walk(src)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (!spec) continue;
      const isType = /^\s*(?:import|export)\s+type\s/.test(m[0].trimStart());
      const resolved = spec.startsWith('.')
        ? path
            .relative(root, path.resolve(path.dirname(file), spec))
            .split(path.sep)
            .join('/')
        : spec.startsWith('@shared/')
          ? `src/shared/${spec.slice('@shared/'.length)}`
          : null;
      const electron = spec === 'electron' || spec.startsWith('electron/');
      if (
        electron &&
        !isType &&
        !rel.startsWith('src/main/electron/') &&
        !rel.startsWith('src/preload/') &&
        !rel.startsWith('src/shared/')
      ) {
        violations.push(`${rel}: imports "${spec}" (only src/main/electron and src/preload may)`);
      }
      if (rel.startsWith('src/renderer/') && resolved?.startsWith('src/main/')) {
        violations.push(`${rel}: renderer imports main-process code "${spec}"`);
      }
      if (rel.startsWith('src/shared/')) {
        if (resolved?.startsWith('src/main/') || resolved?.startsWith('src/renderer/')) {
          violations.push(`${rel}: shared code imports "${spec}"`);
        }
        if (electron) violations.push(`${rel}: shared code imports "${spec}"`);
      }
      if (
        rel.startsWith('src/main/') &&
        !rel.startsWith('src/main/electron/') &&
        resolved?.startsWith('src/main/electron/')
      ) {
        violations.push(`${rel}: core imports the Electron shell "${spec}"`);
      }
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = findViolations(root);
  for (const v of violations) console.error(v);
  if (violations.length) {
    console.error(`${violations.length} import boundary violation(s)`);
    process.exit(1);
  }
  console.log('import boundaries: ok');
}

#!/usr/bin/env node
// The `ff` command. In a source checkout it runs the TypeScript sources through tsx (always current);
// elsewhere it runs the bundle built by `npm run build` (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/main/cli.ts', import.meta.url));
const built = new URL('../out/main/cli.js', import.meta.url);

if (existsSync(source) && process.env.FF_USE_BUILD !== '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
} else if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  process.stderr.write('ff: the app is not built; run `npm run build`\n');
  process.exit(1);
}

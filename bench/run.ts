import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bench, formatFigure, withinBudget } from './harness';

/**
 * `npm run bench` runs every `bench/<name>.bench.ts`; `npm run bench -- <name>` runs one. Each prints its
 * details, then a last line `<name> <metric>=<value> budget<op><limit>`. Exit 1 when any budget is missed.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}

let failed = false;
for (const name of requested.length ? requested : available) {
  const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { default: Bench };
  const result = await mod.default();
  for (const line of result.details ?? []) console.log(`  ${line}`);
  for (const extra of result.extra ?? []) {
    const ok = withinBudget(extra);
    failed ||= !ok;
    console.log(
      `  ${extra.metric}=${formatFigure(extra.value)} budget${extra.op}${extra.limit}${ok ? '' : ' MISSED'}`,
    );
  }
  const ok = withinBudget(result);
  failed ||= !ok;
  console.log(`${name} ${result.metric}=${formatFigure(result.value)} budget${result.op}${result.limit}`);
}
process.exit(failed ? 1 : 0);

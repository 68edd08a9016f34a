#!/usr/bin/env node
// Prints the closing line of `npm test`: "tests: N passed, N failed, N skipped", counted from the vitest and
// Playwright JSON reports, plus any tier (lint, typecheck, build…) that failed without a report.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('tier:')) {
    notes.push(`${arg.slice(5)} failed`);
    continue;
  }
  if (!existsSync(arg)) {
    notes.push(`${arg} missing`);
    continue;
  }
  const report = JSON.parse(readFileSync(arg, 'utf8'));
  if (typeof report.numPassedTests === 'number') {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else if (report.stats) {
    // Playwright
    passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected ?? 0;
    skipped += report.stats.skipped ?? 0;
  }
}
if (notes.length) console.log(`not counted: ${notes.join('; ')}`);
const tierFailures = process.argv.slice(2).filter((a) => a.startsWith('tier:')).length;
console.log(
  `tests: ${passed} passed, ${failed + (failed === 0 ? tierFailures : 0)} failed, ${skipped} skipped`,
);

#!/usr/bin/env bash
# `npm test`: every tier, in order — lint, import boundaries, types, build, unit + integration (vitest),
# a smoke run of the built bundle, e2e (Playwright in Chromium against `ff serve`). Runs all tiers even when
# one fails, then prints one summary line and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-reports
rm -f test-reports/*.json
failed_tiers=()

tier() {
  local name=$1
  shift
  echo
  echo "== ${name}: $*"
  if ! "$@"; then
    failed_tiers+=("$name")
  fi
}

tier lint npx biome ci --no-errors-on-unmatched .
tier boundaries node scripts/check-boundaries.js
tier typecheck npm run --silent typecheck
# Built before vitest: tests/integration/electron-main-bundle.test.ts loads out/main (it rebuilds if stale).
tier build npx electron-vite build
tier vitest npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json
# The bundle (shared by the Electron entry and `ff`) must load and run, not only compile.
tier bundle bash -c 'FF_USE_BUILD=1 node bin/ff.js db:migrate --data-dir "$(mktemp -d)"'
tier e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=test-reports/playwright.json npx playwright test --reporter=list,json

node scripts/summarize-tests.js test-reports/vitest.json test-reports/playwright.json "${failed_tiers[@]/#/tier:}"
[ ${#failed_tiers[@]} -eq 0 ]

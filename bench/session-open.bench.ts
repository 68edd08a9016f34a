import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { build } from 'vite';
import { startServer } from '../src/main/serve/server';
import { chromiumLaunchArgs, resolveChromium } from '../tests/e2e/support/chromium';
import { startTestCore } from '../tests/helpers/core-harness';
import { type BenchResult, median } from './harness';
import { seed } from './session-open-seed';

/**
 * Opening a long session costs about what opening an empty one does: the time from navigating to a session
 * until its transcript has painted the rows in view (loaded, reduced, virtualized, laid out), for a session
 * of 10,000 updates divided by an empty session's, in the same headless Chromium against the real core over
 * the serve-mode WebSocket. The renderer is built fresh into a temp dir so the figure is for this code.
 */

const ROUNDS = 2000; // × 5 updates per round
const REPEATS = 15;
const root = path.resolve(import.meta.dirname, '..');

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(root, 'src/renderer'),
    plugins: [react()],
    resolve: { alias: { '@shared': path.join(root, 'src/shared') } },
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

/**
 * Runs in the page (as source text, so no bundler helpers leak in): switches the route to the session and
 * resolves with the milliseconds until the transcript is loaded and its visible rows are in the DOM, plus the
 * next frame (the paint).
 */
const OPEN_AND_TIME = `(hash) => new Promise((resolve) => {
  const t0 = performance.now();
  let done = false;
  const check = () => {
    if (done) return;
    const log = document.querySelector('[role="log"][aria-label="Transcript"]');
    if (!log || log.dataset.phase !== 'ready') return;
    const items = Number(log.dataset.items);
    const rendered = log.querySelectorAll('.ff-transcript-row').length;
    if (items > 0 && rendered === 0) return;
    done = true;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, items, rendered }), 0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  location.hash = hash;
})`;

interface Opened {
  ms: number;
  items: number;
  rendered: number;
}

export default async function sessionOpenBench(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-bench-session-open-'));
  const rendererDir = path.join(dir, 'renderer');
  await buildRenderer(rendererDir);
  const { core, stop } = await startTestCore({ dataDir: path.join(dir, 'data') });
  const server = await startServer({ services: core.services, host: '127.0.0.1', port: 0, rendererDir });
  if (!server.ok) throw new Error(server.error.message);
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: chromiumLaunchArgs });
  try {
    const seeded = await seed(core.services, dir, ROUNDS);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.value.url);
    await page.getByRole('status', { name: 'Connection online' }).waitFor();

    const route = (sessionId: string) => `#/workspace/${seeded.workspaceId}/session/${sessionId}`;
    const open = async (sessionId: string) => {
      // Leave the session first so the next open loads it from scratch.
      await page.evaluate("location.hash = '#/board'");
      await page.locator('[role="log"][aria-label="Transcript"]').waitFor({ state: 'detached' });
      return (await page.evaluate(`(${OPEN_AND_TIME})(${JSON.stringify(route(sessionId))})`)) as Opened;
    };

    // Warm-up: code paths compiled, fonts and the lazy highlighter loaded, for both sessions.
    await open(seeded.emptySessionId);
    const warm = await open(seeded.bigSessionId);
    const empty: number[] = [];
    const big: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      empty.push((await open(seeded.emptySessionId)).ms);
      big.push((await open(seeded.bigSessionId)).ms);
    }
    const emptyMs = median(empty);
    const bigMs = median(big);
    return {
      metric: 'ratio',
      value: bigMs / emptyMs,
      op: '<=',
      limit: 2,
      details: [
        `big session: ${seeded.bigEntries} log entries, ${warm.items} transcript items in the loaded tail, ${warm.rendered} rows rendered`,
        `empty session open ${emptyMs.toFixed(1)} ms (runs: ${empty.map((v) => v.toFixed(0)).join(' ')})`,
        `10,000-update session open ${bigMs.toFixed(1)} ms (runs: ${big.map((v) => v.toFixed(0)).join(' ')})`,
      ],
    };
  } finally {
    await browser.close();
    await server.value.close();
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

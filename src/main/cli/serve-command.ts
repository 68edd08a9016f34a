import path from 'node:path';
import type { ViteDevServer } from 'vite';
import { APP_ROOT } from '../app-root';
import { type Core, createCore } from '../core';
import { resolveDataPaths } from '../paths';
import { findRunningServe, reachableHost, writeServeRecord } from '../serve/serve-record';
import { startServer } from '../serve/server';
import { CliError } from './errors';
import { openBrowser } from './open-browser';

export interface ServeOptions {
  port: number;
  strictPort: boolean;
  host: string;
  dataDir?: string;
  databasePath?: string;
  open: boolean;
  dev: boolean;
  verbose: boolean;
  allowedHost: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether a server bound to `host` is reachable from this machine only. */
export const isLoopbackHost = (host: string) => LOOPBACK.has(host);

/** The core `ff serve` and `ff proxy` run; one that cannot start is a CliError. */
export async function createServeCore(options: {
  dataDir?: string;
  databasePath?: string;
  verbose: boolean;
}): Promise<Core> {
  const started = await createCore({
    shell: 'serve',
    dataDir: options.dataDir,
    databasePath: options.databasePath,
    verbose: options.verbose,
  });
  if (!started.ok) throw new CliError(started.error.message);
  return started.value;
}

/** `ff serve`: migrate, start the core and the server, print the URL, stop cleanly on SIGINT/SIGTERM. */
export async function serveCommand(options: ServeOptions, out: (line: string) => void): Promise<void> {
  // One core per data folder: a second one would run the same sessions' agents and scripts twice.
  const dataDir = resolveDataPaths(options).dataDir;
  const running = await findRunningServe(dataDir);
  if (running) {
    throw new CliError(
      `${dataDir} is already served by Factory Factory (pid ${running.pid}, port ${running.port}); stop it first, or pass another --data-dir`,
    );
  }
  const core = await createServeCore(options);

  let vite: ViteDevServer | null = null;
  try {
    if (options.dev) vite = await createViteDevServer();
    const server = await startServer({
      services: core.services,
      host: options.host,
      port: options.port,
      portAttempts: options.strictPort ? 1 : 20,
      rendererDir: path.join(APP_ROOT, 'out', 'renderer'),
      allowedHosts: options.allowedHost,
      devMiddleware: vite ? (req, res, next) => vite?.middlewares(req, res, next) : undefined,
    });
    if (!server.ok) throw new CliError(server.error.message);
    const running = server.value;
    // `ff proxy` on the same data folder attaches to this server instead of starting a second core.
    const removeRecord = writeServeRecord(core.paths.dataDir, {
      host: reachableHost(options.host),
      port: running.port,
      token: running.token,
    });

    if (!isLoopbackHost(options.host)) {
      out(
        `Warning: listening on ${options.host}, reachable from other machines. Anyone with the URL's token controls your agents.`,
      );
    }
    if (running.requestedPortTaken) out(`Port ${options.port} is in use; using ${running.port} instead.`);
    out(`Data: ${core.paths.dataDir}`);
    out(
      `Secrets (API keys, a pasted GitHub token): ${core.services.info.secrets.path}, readable only by you`,
    );
    for (const notice of core.notices) out(notice);
    // Listen for signals before saying we run: a Ctrl-C (or a test) right after the line must shut down cleanly.
    const shutdownSignal = waitForShutdownSignal(out);
    out(`Factory Factory is running at ${running.url}`);
    core.services.logger.info(`Serving on ${running.origin}`);
    if (options.open) openBrowser(running.url, out);

    await shutdownSignal;
    out('Shutting down…');
    removeRecord();
    await running.close();
  } finally {
    await vite?.close();
    await disposeCore(core, out);
  }
}

export async function disposeCore(core: Core, out: (line: string) => void): Promise<void> {
  try {
    await core.dispose();
  } catch (error) {
    out(`Shutdown finished with errors: ${(error as Error).message}`);
  }
}

export function waitForShutdownSignal(out: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second signal while disposing means "now".
      const force = () => {
        out('Forced exit.');
        process.exit(130);
      };
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      out(`Received ${signal}.`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `--dev`: the renderer through Vite with HMR, sharing our HTTP server (Vite is a devDependency). */
async function createViteDevServer() {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new CliError('--dev needs the development dependencies (run `npm install` in the repository)');
  }
  const { default: react } = await import('@vitejs/plugin-react');
  return vite.createServer({
    configFile: false,
    root: path.join(APP_ROOT, 'src', 'renderer'),
    plugins: [react()],
    resolve: { alias: { '@shared': path.join(APP_ROOT, 'src', 'shared') } },
    server: { middlewareMode: true, hmr: { path: '/__vite_hmr' } },
    appType: 'spa',
  });
}

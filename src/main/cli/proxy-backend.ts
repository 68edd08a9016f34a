import path from 'node:path';
import { APP_ROOT } from '../app-root';
import { createFileLogger, type Logger } from '../logging/logger';
import { resolveDataPaths } from '../paths';
import type { Backend } from '../proxy/forward';
import { findRunningServe, reachableHost, writeServeRecord } from '../serve/serve-record';
import { startServer } from '../serve/server';
import { CliError } from './errors';
import { createServeCore, disposeCore, isLoopbackHost } from './serve-command';

export interface ProxyBackendOptions {
  port: number;
  host: string;
  dataDir?: string;
  databasePath?: string;
  verbose: boolean;
}

/** The server `ff proxy` forwards to: one already serving the data folder, or one it started. */
export interface ProxyBackend {
  backend: Backend;
  dataDir: string;
  logger: Logger;
  /** True when another process's `ff serve` is used (it keeps running after the proxy stops). */
  attached: boolean;
  /** The local URL with the server's token (for the person at the desk). */
  localUrl: string;
  dispose(): Promise<void>;
}

/**
 * Attaches to the `ff serve` recorded for the data folder (see serve-record.ts) when it answers; otherwise
 * starts the core and the server here, and records them so a later `ff serve`-aware command can attach.
 */
export async function openProxyBackend(
  options: ProxyBackendOptions,
  out: (line: string) => void,
): Promise<ProxyBackend> {
  const paths = resolveDataPaths(options);
  const running = await findRunningServe(paths.dataDir);
  if (running) {
    out(`Attaching to the Factory Factory already serving ${paths.dataDir} (pid ${running.pid}).`);
    const logger = createFileLogger({ logsDir: paths.logsDir, console: options.verbose, level: 'info' });
    logger.addSecret(running.token);
    const host = running.host.includes(':') ? `[${running.host}]` : running.host;
    return {
      backend: { host: running.host, port: running.port, token: running.token },
      dataDir: paths.dataDir,
      logger,
      attached: true,
      localUrl: `http://${host}:${running.port}/?token=${running.token}`,
      dispose: async () => {},
    };
  }

  const core = await createServeCore(options);
  const server = await startServer({
    services: core.services,
    host: options.host,
    port: options.port,
    portAttempts: 20,
    rendererDir: path.join(APP_ROOT, 'out', 'renderer'),
  });
  if (!server.ok) {
    await disposeCore(core, out);
    throw new CliError(server.error.message);
  }
  const removeRecord = writeServeRecord(core.paths.dataDir, {
    host: reachableHost(options.host),
    port: server.value.port,
    token: server.value.token,
  });
  if (!isLoopbackHost(options.host)) {
    out(
      `Warning: the server listens on ${options.host}, reachable from other machines with its token, besides the tunnel.`,
    );
  }
  out(`Data: ${core.paths.dataDir}`);
  for (const notice of core.notices) out(notice);
  return {
    backend: { host: reachableHost(options.host), port: server.value.port, token: server.value.token },
    dataDir: core.paths.dataDir,
    logger: core.services.logger,
    attached: false,
    localUrl: server.value.url,
    dispose: async () => {
      removeRecord();
      await server.value.close();
      await disposeCore(core, out);
    },
  };
}

import path from 'node:path';
import qrcode from 'qrcode-terminal';
import { findCloudflared } from '../proxy/cloudflared-binary';
import { startGate } from '../proxy/gate';
import { LoginLimiter } from '../proxy/login-limiter';
import { generatePassword, readPasswordFile } from '../proxy/password';
import { SessionSigner } from '../proxy/session-cookie';
import { CloudflaredTunnel } from '../proxy/tunnel';
import { CliError } from './errors';
import { openProxyBackend } from './proxy-backend';
import { waitForShutdownSignal } from './serve-command';

export interface ProxyOptions {
  private: boolean;
  passwordFile?: string;
  port: number;
  host: string;
  cloudflared?: string;
  dataDir?: string;
  databasePath?: string;
  verbose: boolean;
}

/** The HMAC secret for proxy sessions, in the data folder (mode 0600); rotated by "sign out everywhere". */
export const PROXY_SECRET_FILE = 'proxy-secret';

/**
 * `ff proxy`: the server (started, or attached to on the same data folder), a gate in front of it, and a
 * Cloudflare quick tunnel to the gate. Prints the public URL and its QR code each time the tunnel comes up;
 * stops everything on SIGINT/SIGTERM.
 */
export async function proxyCommand(options: ProxyOptions, out: (line: string) => void): Promise<void> {
  const cloudflared = findCloudflared(options.cloudflared);
  if (!cloudflared.ok) throw new CliError(cloudflared.error);
  const isPrivate = options.private || options.passwordFile !== undefined;
  let password: string | null = null;
  let generated = false;
  if (isPrivate) {
    if (options.passwordFile) {
      const read = await readPasswordFile(options.passwordFile);
      if (!read.ok) throw new CliError(read.error);
      password = read.value;
    } else {
      password = generatePassword();
      generated = true;
    }
  }

  const opened = await openProxyBackend(options, out);
  const logger = opened.logger;
  if (password) logger.addSecret(password);
  const now = Date.now;
  const gate = await startGate({
    backend: opened.backend,
    private: password
      ? {
          password,
          signer: new SessionSigner({
            secretFile: path.join(opened.dataDir, PROXY_SECRET_FILE),
            password,
            now,
          }),
          limiter: new LoginLimiter(now),
        }
      : null,
    logger,
    now,
  });

  const tunnel = new CloudflaredTunnel({
    command: cloudflared.value,
    targetUrl: `http://127.0.0.1:${gate.port}`,
    say: out,
    onUp: (url) => {
      gate.setTunnelHost(new URL(url).host);
      const shared = password ? url : `${url}/?token=${opened.backend.token}`;
      out(`Tunnel is up: ${shared}`);
      logger.info(`Proxy tunnel up at ${url}`);
      qrcode.generate(shared, { small: true }, (qr) => out(qr));
      out(
        password
          ? 'Anyone who opens it must sign in with the password.'
          : 'Warning: this URL alone grants full control of your agents to whoever has it. Use --private for a password.',
      );
    },
    onDown: () => {
      gate.setTunnelHost(null);
      logger.warn('Proxy tunnel down');
    },
  });

  try {
    out(`Local: ${opened.localUrl}`);
    out(`Gate: http://127.0.0.1:${gate.port} (what the tunnel forwards to)`);
    if (password && generated) out(`Password (shown once): ${password}`);
    if (password && !generated) out(`Password: from ${options.passwordFile}`);
    const shutdownSignal = waitForShutdownSignal(out);
    out('Starting cloudflared…');
    tunnel.start();
    await shutdownSignal;
    out('Shutting down…');
  } finally {
    await tunnel.dispose();
    out('Tunnel stopped.');
    await gate.close();
    await opened.dispose();
  }
}

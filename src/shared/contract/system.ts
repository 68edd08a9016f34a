import { z } from 'zod';
import { base } from './base';
import { SandboxMechanism } from './sandbox';

export const SystemInfo = z.object({
  version: z.string(),
  /** `electron` in the desktop app, `serve` for `ff serve`, `test` in tests. */
  shell: z.enum(['electron', 'serve', 'test']),
  platform: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  logsDir: z.string(),
  /**
   * Where API keys and tokens are kept: encrypted by the OS keychain (desktop app) or in a file only the user
   * can read (`ff serve`, or the desktop app without a keychain, which `note` then explains).
   */
  secrets: z.object({ kind: z.enum(['keychain', 'file']), path: z.string(), note: z.string().nullable() }),
  startedAt: z.number(),
  /** How this machine confines agents; `problem` says why it cannot (and how to fix it) when `none`. */
  sandbox: z.object({ mechanism: SandboxMechanism, problem: z.string().nullable() }),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const system = {
  /** Facts about the running core: version, shell, data locations. Never fails. */
  info: base.input(z.void()).output(SystemInfo),
  /** Round trip used by connection indicators; echoes the given nonce. */
  ping: base
    .input(z.object({ nonce: z.string().max(128) }))
    .output(z.object({ nonce: z.string(), at: z.number() })),
};

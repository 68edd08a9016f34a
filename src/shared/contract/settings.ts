import { z } from 'zod';
import { base } from './base';
import { CustomEditor } from './editors';
import { RATCHET_DEFAULTS, RatchetGlobalSettings } from './ratchet';
import { ProjectSandboxSettings, ProviderSandboxSettings } from './sandbox';
import { PermissionPreset } from './sessions';

/**
 * A GitHub host: `github.com` or an Enterprise server's host name. A pasted URL (`https://ghe.example.com/`)
 * is reduced to its host.
 */
export const GitHubHost = z
  .string()
  .trim()
  .transform((value) =>
    value
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\/.*$/, '')
      .toLowerCase(),
  )
  .pipe(
    z
      .string()
      .min(1, 'Enter a host name such as github.com')
      .max(253)
      .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/, 'Enter a host name such as github.example.com'),
  );

export const Theme = z.enum(['system', 'light', 'dark']);

/**
 * Per-provider overrides (`claude`, `codex`) or a custom ACP agent (any other key, which needs `command`).
 * `env` is added to the agent's allow-listed environment (ANTHROPIC_BASE_URL, proxies, CODEX_HOME, keys).
 */
export const ProviderSettings = z.object({
  label: z.string().max(100).optional(),
  command: z.string().min(1).max(4096).optional(),
  args: z.array(z.string().max(4096)).max(100).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(32_768)).optional(),
  loginHint: z.string().max(500).optional(),
  sandbox: ProviderSandboxSettings.optional(),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

/** App-wide settings. Every key has a default so a fresh install needs no setup. */
export const AppSettings = z.object({
  theme: Theme.default('system'),
  notifications: z.boolean().default(true),
  /** Which alerts become native notifications in the desktop app (with `notifications` on). */
  notificationKinds: z
    .object({
      permission: z.boolean().default(true),
      finished: z.boolean().default(true),
      error: z.boolean().default(true),
      /** A workspace's pull request was merged or closed, its CI went red or green, or a review came in. */
      pr: z.boolean().default(true),
    })
    .default({ permission: true, finished: true, error: true, pr: true }),
  /** Editors: a command that opens a worktree, offered beside the detected editors (see editors.ts). */
  customEditor: CustomEditor.nullable().default(null),
  /** Desktop app: closing the window keeps the app running in the tray (menu bar). */
  closeToTray: z.boolean().default(true),
  /** Desktop app: check GitHub releases at start and daily and download updates in the background. */
  autoUpdate: z.boolean().default(true),
  providers: z.record(z.string().min(1).max(100), ProviderSettings).default({}),
  defaultPermissionPreset: PermissionPreset.default('RELAXED'),
  /** Agent processes alive at once; further sessions wait in a visible queue. */
  maxRunningAgents: z.number().int().min(1).max(500).default(8),
  /**
   * Agent processes starting at once (spawned, not yet past initialize and session new/resume); further
   * starts wait in the same queue. null = one per CPU core.
   */
  maxStartingAgents: z.number().int().min(1).max(500).nullable().default(null),
  /** An agent that sends nothing for this long while a request is outstanding is declared hung. */
  agentReplyTimeoutMs: z.number().int().min(100).max(86_400_000).default(600_000),
  /** Per-session limits; null means unlimited. Tokens count only where the agent reports usage. */
  sessionBudget: z
    .object({
      wallTimeMs: z.number().int().positive().nullable().default(null),
      tokens: z.number().int().positive().nullable().default(null),
    })
    .default({ wallTimeMs: null, tokens: null }),
  /** Idle agents (that can resume) are stopped after this long and resumed on the next prompt; null = never. */
  idleHibernateMs: z.number().int().min(100).nullable().default(900_000),
  /** github.com, or the host of a GitHub Enterprise server (its API is then https://<host>/api/v3). */
  githubHost: GitHubHost.default('github.com'),
  /**
   * Agent sandbox per project id (absent = on, nothing added). Turning it off lets that project's agents write
   * anywhere the user can: the UI warns before it does.
   */
  sandboxProjects: z.record(z.string().min(1).max(64), ProjectSandboxSettings).default({}),
  /** The one-time notice that agents run unconfined on this machine (no bubblewrap, Windows) was dismissed. */
  sandboxNoticeDismissed: z.boolean().default(false),
  /** Ratchet's defaults for every workspace (each can override them) and its global limits. */
  ratchet: RatchetGlobalSettings.default(RATCHET_DEFAULTS),
});
export type AppSettings = z.infer<typeof AppSettings>;

type NoDefaults<T extends z.ZodRawShape> = {
  [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]>;
};

/** An update names only the keys it changes: no defaults are filled in (they would overwrite stored keys). */
function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<NoDefaults<T>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<NoDefaults<T>>;
}
export const AppSettingsPatch = patchOf(AppSettings);

export const settings = {
  get: base.input(z.void()).output(AppSettings),
  /** Merges the given keys into the stored settings and returns the result. */
  update: base.input(AppSettingsPatch).output(AppSettings),
};

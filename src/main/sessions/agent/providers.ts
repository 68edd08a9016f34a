import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AgentProvider } from '../../../shared/contract/sessions';
import type { ProviderSettings } from '../../../shared/contract/settings';
import { err, ok, type Result } from '../../../shared/lib/result';
import { commandProblem } from './command-lookup';

/** A provider resolved to what to spawn. */
export interface ResolvedProvider {
  id: string;
  kind: 'claude' | 'codex' | 'custom';
  command: string;
  args: string[];
  /** Provider-specific variables (runtime switches and user overrides), added to the allow-listed env. */
  env: Record<string, string>;
  loginHint: string;
}

// Not named `require`: electron-vite injects its own `require` shim into ESM bundles.
const resolveFromHere = createRequire(import.meta.url);

const LOGIN_HINTS = {
  claude: 'Run `claude /login` in a terminal, or set ANTHROPIC_API_KEY in Settings → Providers → claude.',
  codex: 'Run `codex login` in a terminal, or set OPENAI_API_KEY in Settings → Providers → codex.',
  custom: "Sign in with the agent's own command line, or set its key in Settings → Providers.",
} as const;

/** Packaged apps keep executables outside the asar archive. */
function unpacked(file: string): string {
  return file.replace(`${'app.asar'}/`, 'app.asar.unpacked/');
}

function resolvePackageFile(specifier: string): string | null {
  try {
    const file = unpacked(resolveFromHere.resolve(specifier));
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** The Claude ACP adapter's entry, run with this app's own Node (or Electron as Node). */
export function claudeAdapterEntry(): string | null {
  return resolvePackageFile('@zed-industries/claude-agent-acp/dist/index.js');
}

/** The codex-acp binary of this platform's package (e.g. @zed-industries/codex-acp-linux-x64/bin/codex-acp). */
export function codexAdapterBinary(): string | null {
  const exe = process.platform === 'win32' ? 'codex-acp.exe' : 'codex-acp';
  return resolvePackageFile(`@zed-industries/codex-acp-${process.platform}-${process.arch}/bin/${exe}`);
}

function ownNodeEnv(): Record<string, string> {
  // Inside Electron, process.execPath is the Electron binary: this makes it behave as plain Node.
  return process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
}

/**
 * Resolves `claude`, `codex` or a custom provider (any other key of settings.providers) to a command line.
 * User settings override command, args and env per provider. A command set there must resolve (an executable
 * file, or a name on the agent's PATH), so a provider whose command is missing is unavailable, not a failed session.
 */
export function resolveProvider(
  id: string,
  settings: Record<string, ProviderSettings>,
): Result<ResolvedProvider, string> {
  const user = settings[id] ?? {};
  const env = { ...(user.env ?? {}) };
  const missing = user.command ? commandProblem(user.command, env.PATH ?? process.env.PATH) : null;
  if (missing) return err(missing);
  if (id === 'claude') {
    const entry = claudeAdapterEntry();
    if (!user.command && !entry)
      return err('The Claude ACP adapter (@zed-industries/claude-agent-acp) is not installed');
    return ok({
      id,
      kind: 'claude',
      command: user.command ?? process.execPath,
      args: user.args ?? [entry as string],
      env: user.command ? env : { ...ownNodeEnv(), ...env },
      loginHint: user.loginHint ?? LOGIN_HINTS.claude,
    });
  }
  if (id === 'codex') {
    const binary = codexAdapterBinary();
    if (!user.command && !binary) {
      return err(
        `codex-acp has no binary for ${process.platform}-${process.arch} (@zed-industries/codex-acp)`,
      );
    }
    return ok({
      id,
      kind: 'codex',
      command: user.command ?? (binary as string),
      args: user.args ?? [],
      env,
      loginHint: user.loginHint ?? LOGIN_HINTS.codex,
    });
  }
  if (!settings[id]) return err(`Unknown provider "${id}"; add it under Settings → Providers`);
  if (!user.command) return err(`Provider "${id}" has no command configured`);
  return ok({
    id,
    kind: 'custom',
    command: user.command,
    args: user.args ?? [],
    env,
    loginHint: user.loginHint ?? LOGIN_HINTS.custom,
  });
}

/** Every provider the UI can offer: the two built-ins, then custom ones from settings. */
export function listProviders(settings: Record<string, ProviderSettings>): AgentProvider[] {
  const ids = ['claude', 'codex', ...Object.keys(settings).filter((k) => k !== 'claude' && k !== 'codex')];
  return ids.map((id) => {
    const resolved = resolveProvider(id, settings);
    const kind = id === 'claude' || id === 'codex' ? id : 'custom';
    const label = settings[id]?.label ?? (id === 'claude' ? 'Claude Code' : id === 'codex' ? 'Codex' : id);
    return resolved.ok
      ? {
          id,
          label,
          kind,
          available: true,
          problem: null,
          command: resolved.value.command,
          loginHint: resolved.value.loginHint,
        }
      : { id, label, kind, available: false, problem: resolved.error, command: null, loginHint: null };
  });
}

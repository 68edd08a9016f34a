import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  ProjectSandboxSettings,
  ProviderSandboxSettings,
  SandboxSummary,
} from '../../shared/contract/sandbox';
import { err, ok, type Result } from '../../shared/lib/result';
import type { Logger } from '../logging/logger';
import { expandHome } from '../paths';
import { bwrapArgs, SANDBOX_TMP } from './bwrap';
import { buildSandboxPolicy, type SandboxPolicy, summarize } from './policy';
import { gitFacts, programFiles, realOrNull, secretsUnder, stateFolders, worktreesOf } from './sandbox-facts';
import { detectSandboxSupport, type SandboxSupport } from './sandbox-support';
import { seatbeltProfile } from './seatbelt';

export interface AgentSandboxDeps {
  /** The app's data folder (database, logs, default worktrees): hidden from agents. */
  dataDir: string;
  logger: Logger;
  /** The core's environment: PATH to find bwrap, FF_BWRAP. */
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Tests: what this machine supports, instead of detecting it. */
  support?: SandboxSupport;
}

/** Seatbelt profiles do not nest: codex-acp applies its own, so on macOS it confines its commands itself. */
const CODEX_ON_SEATBELT =
  'On macOS Codex confines the commands it runs with its own Seatbelt sandbox (by its mode); Seatbelt profiles cannot be nested, so Factory Factory does not add its own.';

/**
 * Where codex-acp's own bubblewrap cannot run inside ours (its Landlock fallback refuses the permission
 * profiles codex uses), codex runs with its sandbox off inside ours, and its modes that would turn it back on
 * are not offered: ours confines what those modes would.
 */
const CODEX_UNNESTED = ['-c', 'sandbox_mode="danger-full-access"'];
const CODEX_SANDBOXING_MODES = ['auto', 'read-only'];

export interface SandboxRequest {
  worktree: string;
  providerKind: 'claude' | 'codex' | 'custom';
  provider: ProviderSandboxSettings | undefined;
  project: ProjectSandboxSettings | undefined;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** What to spawn, under which policy; `dispose` removes the private temp folder once the agent has exited. */
export interface PreparedLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  policy: SandboxPolicy | null;
  summary: SandboxSummary;
  /** Agent modes not to offer or switch to (they need a sandbox that cannot run inside ours). */
  withheldModes: string[];
  dispose(): void;
}

/**
 * Confines agent processes (issue 19): builds each launch's policy from what is on disk and wraps the command
 * in bubblewrap (Linux) or sandbox-exec (macOS). Where neither works, or the project turned the sandbox off,
 * the agent runs unconfined and the summary says so (the session shows it): never silently.
 */
export class AgentSandbox {
  private detected: SandboxSupport | null;

  constructor(private readonly deps: AgentSandboxDeps) {
    this.detected = deps.support ?? null;
  }

  /**
   * Detected on first use (a probe run of bwrap) and kept; while Linux has none it is looked for again at each
   * start, so installing bubblewrap takes effect at the agent's next start without restarting the app.
   */
  support(): SandboxSupport {
    const platform = this.deps.platform ?? process.platform;
    if (this.detected && (this.detected.mechanism !== 'none' || platform !== 'linux' || this.deps.support)) {
      return this.detected;
    }
    const previous = this.detected?.problem;
    this.detected = detectSandboxSupport(this.deps.env, platform);
    const problem = this.detected.problem;
    if (problem && problem !== previous) this.deps.logger.warn(`Agents run unconfined: ${problem}`);
    if (!problem && previous) this.deps.logger.info(`Agents are confined again (${this.detected.mechanism})`);
    return this.detected;
  }

  prepare(req: SandboxRequest): Result<PreparedLaunch, string> {
    const support = this.support();
    const network = req.provider?.network ?? true;
    const enabled = req.project?.enabled ?? true;
    const codexOnSeatbelt = req.providerKind === 'codex' && support.mechanism === 'seatbelt';
    if (!enabled || support.mechanism === 'none' || codexOnSeatbelt) {
      const reason = !enabled
        ? "Turned off in this project's settings."
        : codexOnSeatbelt
          ? CODEX_ON_SEATBELT
          : support.problem;
      const summary = summarize(null, { mechanism: 'none', on: false, off: !enabled, reason, network: true });
      const { command, args, env } = req;
      return ok({ command, args, env, policy: null, summary, withheldModes: [], dispose: () => {} });
    }
    let privateTemp: string | null = null;
    try {
      privateTemp = mkdtempSync(path.join(os.tmpdir(), 'ff-agent-'));
      const policy = this.policyFor(req, privateTemp, network);
      const summary = summarize(policy, {
        mechanism: support.mechanism,
        on: true,
        off: false,
        reason: null,
        network,
      });
      const temp = privateTemp;
      const dispose = () => rmSync(temp, { recursive: true, force: true });
      const program = support.program as string;
      if (support.mechanism === 'seatbelt') {
        const env = { ...req.env, ...privateTempEnv(temp, req.env) };
        const args = ['-p', seatbeltProfile(policy), req.command, ...req.args];
        return ok({ command: program, args, env, policy, summary, withheldModes: [], dispose });
      }
      const env = { ...req.env, ...privateTempEnv(SANDBOX_TMP, req.env) };
      const unnested = req.providerKind === 'codex' && !support.nested;
      const args = bwrapArgs(policy, req.command, unnested ? [...req.args, ...CODEX_UNNESTED] : req.args);
      const withheldModes = unnested ? CODEX_SANDBOXING_MODES : [];
      return ok({ command: program, args, env, policy, summary, withheldModes, dispose });
    } catch (error) {
      if (privateTemp) rmSync(privateTemp, { recursive: true, force: true });
      const why = error instanceof Error ? error.message : String(error);
      return err(`Could not prepare the agent's sandbox: ${why}`);
    }
  }

  private policyFor(req: SandboxRequest, privateTemp: string, network: boolean): SandboxPolicy {
    const worktree = realOrNull(req.worktree);
    if (!worktree) throw new Error(`the worktree ${req.worktree} does not exist`);
    const git = gitFacts(worktree);
    const trees = git ? worktreesOf(git) : { main: null, others: [] };
    const home = req.env.HOME || os.homedir();
    const homes = [...new Set([home, os.homedir()])];
    const state = agentStatePaths(req.providerKind, req.env, home);
    const userPaths = (req.project?.writablePaths ?? []).map((p) => realOrNull(expandHome(p)));
    const extraState = (req.provider?.writablePaths ?? []).map((p) => expandHome(p));
    return buildSandboxPolicy({
      worktree,
      git,
      mainWorktree: trees.main,
      otherWorktrees: trees.others,
      appDataDir: realOrNull(this.deps.dataDir) ?? this.deps.dataDir,
      secrets: secretsUnder(homes, { ...this.deps.env, ...req.env }),
      agentState: stateFolders([...state.dirs, ...extraState], state.files),
      userWritable: userPaths.filter((p): p is string => p !== null),
      programs: programFiles(req.command, req.args),
      privateTemp: realOrNull(privateTemp) ?? privateTemp,
      network,
    });
  }
}

/**
 * The agent's temp folder, and where the tools it runs keep caches (npm, and what follows XDG: pip, yarn, go's
 * build cache): the home folder is read-only, so `npm install` would fail on its cache. They start cold and go
 * with the temp folder. A cache the user points elsewhere in the provider's settings is left alone.
 */
function privateTempEnv(temp: string, env: Record<string, string>): Record<string, string> {
  return {
    TMPDIR: temp,
    TMP: temp,
    TEMP: temp,
    XDG_CACHE_HOME: env.XDG_CACHE_HOME ?? path.join(temp, '.cache'),
    npm_config_cache: env.npm_config_cache ?? path.join(temp, '.npm'),
  };
}

/** The built-in adapters' own state: Claude's config folder and file, Codex's home. */
function agentStatePaths(
  kind: SandboxRequest['providerKind'],
  env: Record<string, string>,
  home: string,
): { dirs: string[]; files: { path: string; initial: string }[] } {
  if (kind === 'claude') {
    // With CLAUDE_CONFIG_DIR set, Claude keeps its .claude.json inside that folder.
    if (env.CLAUDE_CONFIG_DIR) return { dirs: [env.CLAUDE_CONFIG_DIR], files: [] };
    return {
      dirs: [path.join(home, '.claude')],
      files: [{ path: path.join(home, '.claude.json'), initial: '{}\n' }],
    };
  }
  if (kind === 'codex') return { dirs: [env.CODEX_HOME || path.join(home, '.codex')], files: [] };
  return { dirs: [], files: [] };
}

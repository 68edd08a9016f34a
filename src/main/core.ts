import path from 'node:path';
import type { SystemInfo } from '../shared/contract/system';
import { err, ok, type Result } from '../shared/lib/result';
import { APP_VERSION } from './app-root';
import type { CoreServices } from './core-services';
import { EditorsService } from './editors/editors-service';
import { EventBus } from './events/event-bus';
import { holdGitHelper } from './git/run-git';
import { GitHubService } from './github/github-service';
import { IssuesService } from './github/issues-service';
import { PullsService } from './github/pulls-service';
import { DisposableStore } from './lifecycle/disposable';
import { createFileLogger, type Logger } from './logging/logger';
import { type DataPaths, resolveDataPaths, safeFolderName } from './paths';
import { ProcessRegistry } from './processes/process-registry';
import { ratchetGit } from './ratchet/ratchet-git';
import { RatchetService } from './ratchet/ratchet-service';
import { SessionsService } from './sessions/sessions-service';
import { SettingsService } from './settings/settings-service';
import { type DatabaseProblem, openDatabase } from './store/database';
import { workspacesTerminalHost } from './terminals/terminal-host';
import { TerminalsService } from './terminals/terminals-service';
import { ProjectsRepository } from './workspaces/projects-repository';
import { ProjectsService } from './workspaces/projects-service';
import { workspaceEnv } from './workspaces/workspace-env';
import { WorkspacesService } from './workspaces/workspaces-service';

export interface CoreOptions {
  shell: SystemInfo['shell'];
  dataDir?: string;
  databasePath?: string;
  /** Used when neither dataDir nor FF_DATA_DIR is given. */
  defaultDataDir?: string;
  logger?: Logger;
  verbose?: boolean;
  env?: NodeJS.ProcessEnv;
  /**
   * `apiUrl` replaces the URL derived from the host in Settings (tests; FF_GITHUB_API_URL does the same);
   * `msPerSecond` shrinks GitHub's back-off hints in tests.
   */
  github?: { apiUrl?: string; msPerSecond?: number; issuesIntervalMs?: number; pullsIntervalMs?: number };
}

export interface Core {
  services: CoreServices;
  paths: DataPaths;
  /** What the person starting the core must be told (also logged), e.g. an empty database file replaced. */
  notices: string[];
  /** Stops every service and releases every OS resource the core owns. Idempotent. */
  dispose(): Promise<void>;
}

export type CoreStartError = DatabaseProblem;

/** Builds the core: opens and migrates the store, wires services. Never imports Electron. */
export async function createCore(options: CoreOptions): Promise<Result<Core, CoreStartError>> {
  const paths = resolveDataPaths(options);
  const opened = await openDatabase(paths.databasePath);
  if (!opened.ok) return err(opened.error);

  const store = new DisposableStore();
  store.defer(() => opened.value.close());
  store.defer(holdGitHelper());
  const logger =
    options.logger ?? createFileLogger({ logsDir: paths.logsDir, console: options.verbose, level: 'info' });
  const notices: string[] = [];
  if (opened.value.replacedEmptyFile) {
    notices.push(
      `${paths.databasePath} was an empty file (0 bytes); a new database was created in its place. The empty file is kept at ${opened.value.backupPath}.`,
    );
    logger.warn(notices[0] as string);
  } else if (opened.value.applied > 0) {
    logger.info(
      `Applied ${opened.value.applied} database migration(s)`,
      opened.value.backupPath ? `backup: ${opened.value.backupPath}` : '',
    );
  }

  try {
    const db = opened.value.db;
    // Before any service starts or recovers: what a crashed core left running must not run beside its
    // replacement (a setup script started twice, an agent's terminal nobody owns).
    const processes = new ProcessRegistry(db, logger);
    await processes.reapLeftovers();
    const events = new EventBus();
    const projectsRepo = new ProjectsRepository(db, (id, name) =>
      path.join(paths.worktreesDir, `${safeFolderName(name)}-${id.slice(0, 8)}`),
    );
    const projects = new ProjectsService({ repo: projectsRepo, events });
    const workspaces = store.add(new WorkspacesService({ db, events, logger, projects, processes }));
    const terminals = store.add(
      new TerminalsService({ db, events, logger, processes, host: workspacesTerminalHost(workspaces) }),
    );
    terminals.reconcile();
    store.defer(workspaces.onArchive((workspace) => terminals.closeWorkspace(workspace.id)));
    const settings = new SettingsService({ db, events, logger });
    const sessions = store.add(
      new SessionsService({
        db,
        events,
        logger,
        processes,
        clientVersion: APP_VERSION,
        settings: () => settings.get(),
        workspace: (id) => {
          const workspace = workspaces.get(id);
          return workspace ? { worktreePath: workspace.worktreePath, env: workspaceEnv(workspace) } : null;
        },
        touchWorkspace: (id) => workspaces.touch(id),
      }),
    );
    await sessions.start();
    const env = options.env ?? process.env;
    const github = store.add(
      new GitHubService({
        events,
        logger,
        settings,
        env,
        apiUrl: options.github?.apiUrl ?? (env.FF_GITHUB_API_URL || undefined),
        msPerSecond: options.github?.msPerSecond,
      }),
    );
    store.defer(workspaces.onArchive((workspace) => sessions.stopWorkspace(workspace.id)));
    const issues = store.add(
      new IssuesService({
        events,
        logger,
        github,
        projects,
        workspaces,
        startSession: (input) => sessions.create(input),
        intervalMs: options.github?.issuesIntervalMs,
      }),
    );
    const pulls = store.add(
      new PullsService({ logger, github, projects, workspaces, intervalMs: options.github?.pullsIntervalMs }),
    );
    const ratchet = store.add(
      new RatchetService({
        db,
        events,
        logger,
        github,
        settings: () => settings.get(),
        projects,
        workspaces,
        git: ratchetGit(workspaces),
        sessions: {
          list: (workspaceId) => sessions.list(workspaceId),
          get: (id) => sessions.get(id),
          create: (input) => sessions.create(input),
          prompt: (id, text, mentions, opts) => sessions.prompt(id, text, mentions, opts),
          stop: (id) => sessions.stop(id),
          onEvent: (listener) => events.on(listener),
        },
      }),
    );
    const services: CoreServices = {
      info: {
        version: APP_VERSION,
        shell: options.shell,
        platform: process.platform,
        dataDir: paths.dataDir,
        databasePath: paths.databasePath,
        logsDir: paths.logsDir,
        startedAt: Date.now(),
      },
      logger,
      events,
      db,
      projects,
      workspaces,
      settings,
      terminals,
      sessions,
      github,
      issues,
      pulls,
      editors: new EditorsService({
        worktreeOf: (id) => workspaces.get(id)?.worktreePath ?? null,
        customEditor: () => settings.get().customEditor,
        env: options.env,
      }),
      ratchet,
    };

    workspaces.start();
    void github.refresh();
    logger.info(`Core started (version ${APP_VERSION}, data ${paths.dataDir})`);
    const dispose = async () => {
      logger.info('Core shutting down');
      await store.dispose();
      logger.info('Core shut down');
    };
    return ok({ services, paths, notices, dispose });
  } catch (error) {
    // A service failed to start: release what the others already hold before reporting it.
    await store.dispose().catch(() => {});
    throw error;
  }
}

import path from 'node:path';
import type { SystemInfo } from '../shared/contract/system';
import { err, ok, type Result } from '../shared/lib/result';
import { APP_ROOT, APP_VERSION } from './app-root';
import type { Clock } from './automation/clock';
import { IterateService } from './automation/iterate-service';
import { QuickActionsService } from './automation/quick-actions-service';
import { SchedulesService } from './automation/schedules-service';
import type { CoreServices } from './core-services';
import { EditorsService } from './editors/editors-service';
import { EventBus } from './events/event-bus';
import { holdGitHelper } from './git/run-git';
import { GitHubService } from './github/github-service';
import { IssuesService } from './github/issues-service';
import { PullCreator } from './github/pull-create';
import { PullsService } from './github/pulls-service';
import { ReviewInboxService } from './github/review-inbox-service';
import { ReviewsService } from './github/reviews-service';
import { DisposableStore } from './lifecycle/disposable';
import { createFileLogger, type Logger } from './logging/logger';
import { type DataPaths, resolveDataPaths, safeFolderName } from './paths';
import { ProcessRegistry } from './processes/process-registry';
import { PromptLibrary } from './prompts/prompt-library';
import { ratchetGit } from './ratchet/ratchet-git';
import { RatchetService } from './ratchet/ratchet-service';
import { AgentSandbox } from './sandbox/agent-sandbox';
import { openSecretStore, type SafeStoragePort } from './secrets/open-secret-store';
import { SessionsService } from './sessions/sessions-service';
import { moveSecretsOutOfDatabase } from './settings/secret-migration';
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
  /** Electron's safeStorage (desktop app): secrets are then encrypted by the OS keychain when it has one. */
  safeStorage?: SafeStoragePort;
  /**
   * `apiUrl` replaces the URL derived from the host in Settings (tests; FF_GITHUB_API_URL does the same);
   * `msPerSecond` shrinks GitHub's back-off hints in tests.
   */
  github?: {
    apiUrl?: string;
    msPerSecond?: number;
    issuesIntervalMs?: number;
    pullsIntervalMs?: number;
    reviewsIntervalMs?: number;
  };
  /** The built-in prompts folder (tests) and the clock schedules run on (tests move it by hand). */
  automation?: { builtinPromptsDir?: string; clock?: Clock };
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
    const openedSecrets = openSecretStore({
      dataDir: paths.dataDir,
      safeStorage: options.safeStorage,
      warn: (message) => logger.warn(message),
    });
    const secrets = openedSecrets.store;
    if (openedSecrets.note) {
      notices.push(openedSecrets.note);
      logger.warn(openedSecrets.note);
    }
    const moved = moveSecretsOutOfDatabase({ db, sqlite: opened.value.sqlite, secrets });
    if (moved > 0) logger.info(`Moved ${moved} secret(s) out of the database into ${secrets.path}`);
    const settings = new SettingsService({ db, events, logger, secrets });
    const projectsRepo = new ProjectsRepository(
      db,
      (id, name) => path.join(paths.worktreesDir, `${safeFolderName(name)}-${id.slice(0, 8)}`),
      () => settings.get().githubHost,
    );
    const projects = new ProjectsService({ repo: projectsRepo, events });
    store.defer(projects.followGitHubHost(settings.get().githubHost));
    const workspaces = store.add(new WorkspacesService({ db, events, logger, projects, processes }));
    const terminals = store.add(
      new TerminalsService({ db, events, logger, processes, host: workspacesTerminalHost(workspaces) }),
    );
    terminals.reconcile();
    store.defer(workspaces.onArchive((workspace) => terminals.closeWorkspace(workspace.id)));
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
    const sandbox = new AgentSandbox({ dataDir: paths.dataDir, logger, env });
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
          if (!workspace) return null;
          // The user's GitHub token reaches a project's agents only when the user turned that on.
          const access = projects.get(workspace.projectId)?.agentGitHubAccess ? github.agentEnv() : {};
          return {
            worktreePath: workspace.worktreePath,
            projectId: workspace.projectId,
            env: { ...workspaceEnv(workspace), ...access },
          };
        },
        sandbox,
        touchWorkspace: (id) => workspaces.touch(id),
      }),
    );
    await sessions.start();
    store.defer(workspaces.onArchive((workspace) => sessions.stopWorkspace(workspace.id)));
    const prompts = store.add(
      new PromptLibrary({
        builtinDir: options.automation?.builtinPromptsDir ?? path.join(APP_ROOT, 'prompts'),
        userDir: path.join(paths.dataDir, 'prompts'),
        logger,
      }),
    );
    await prompts.start();
    store.defer(prompts.onChanged(() => events.publish({ type: 'prompts.changed' })));
    store.defer(
      events.on((e) => {
        if (e.type === 'project.removed') void prompts.retainProjects(projects.list().map((p) => p.path));
      }),
    );
    const automation = { sessions, events, logger, prompts, workspaces, projects };
    const quickActions = new QuickActionsService(automation);
    const iterate = store.add(new IterateService({ ...automation, db }));
    const schedules = store.add(
      new SchedulesService({ ...automation, db, quickActions, clock: options.automation?.clock }),
    );
    const issues = store.add(
      new IssuesService({
        events,
        logger,
        github,
        projects,
        workspaces,
        startSession: (input) => sessions.create(input),
        prompts,
        intervalMs: options.github?.issuesIntervalMs,
      }),
    );
    const pulls = store.add(
      new PullsService({
        events,
        logger,
        github,
        projects,
        workspaces,
        intervalMs: options.github?.pullsIntervalMs,
      }),
    );
    const pullCreator = new PullCreator({ events, logger, github, projects, workspaces, prompts });
    const reviewInbox = store.add(
      new ReviewInboxService({
        events,
        logger,
        github,
        projects,
        intervalMs: options.github?.reviewsIntervalMs,
      }),
    );
    const reviews = store.add(
      new ReviewsService({
        db,
        prompts,
        events,
        logger,
        github,
        inbox: reviewInbox,
        projects,
        workspaces,
        sessions: {
          create: (input) => sessions.create(input),
          get: (id) => sessions.get(id),
          logTurns: (id, beforeSeq, minEntries) => sessions.logTurns(id, beforeSeq, minEntries),
        },
      }),
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
        // From the prompt library, like every prompt: a user's prompts/ratchet/*.md overrides the built-in.
        template: (name) => prompts.text(`ratchet/${name}`),
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
        secrets: { kind: secrets.kind, path: secrets.path, note: openedSecrets.note },
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
      sandbox,
      github,
      issues,
      pulls,
      pullCreator,
      prompts,
      quickActions,
      iterate,
      schedules,
      reviewInbox,
      reviews,
      editors: new EditorsService({
        worktreeOf: (id) => workspaces.get(id)?.worktreePath ?? null,
        customEditor: () => settings.get().customEditor,
        env: options.env,
      }),
      ratchet,
    };

    workspaces.start();
    iterate.start();
    schedules.start();
    reviews.recover();
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

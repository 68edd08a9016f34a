import type { SystemInfo } from '../shared/contract/system';
import type { IterateService } from './automation/iterate-service';
import type { QuickActionsService } from './automation/quick-actions-service';
import type { SchedulesService } from './automation/schedules-service';
import type { EditorsService } from './editors/editors-service';
import type { EventBus } from './events/event-bus';
import type { GitHubService } from './github/github-service';
import type { IssuesService } from './github/issues-service';
import type { PullCreator } from './github/pull-create';
import type { PullsService } from './github/pulls-service';
import type { ReviewInboxService } from './github/review-inbox-service';
import type { ReviewsService } from './github/reviews-service';
import type { Logger } from './logging/logger';
import type { PromptLibrary } from './prompts/prompt-library';
import type { RatchetService } from './ratchet/ratchet-service';
import type { AgentSandbox } from './sandbox/agent-sandbox';
import type { SessionsService } from './sessions/sessions-service';
import type { SettingsService } from './settings/settings-service';
import type { Db } from './store/database';
import type { TerminalsService } from './terminals/terminals-service';
import type { ProjectsService } from './workspaces/projects-service';
import type { WorkspacesService } from './workspaces/workspaces-service';

/** The services a core wires together; handlers reach them through the RPC context. */
export interface CoreServices {
  /** Without `sandbox`: it is detected on first use (see `sandbox`). */
  info: Omit<SystemInfo, 'sandbox'>;
  /** Confines agent processes; the system info reports what it found. */
  sandbox: AgentSandbox;
  logger: Logger;
  events: EventBus;
  db: Db;
  projects: ProjectsService;
  settings: SettingsService;
  workspaces: WorkspacesService;
  terminals: TerminalsService;
  sessions: SessionsService;
  github: GitHubService;
  issues: IssuesService;
  pulls: PullsService;
  pullCreator: PullCreator;
  reviewInbox: ReviewInboxService;
  reviews: ReviewsService;
  editors: EditorsService;
  prompts: PromptLibrary;
  quickActions: QuickActionsService;
  iterate: IterateService;
  schedules: SchedulesService;
  ratchet: RatchetService;
}

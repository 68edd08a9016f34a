import type { SystemInfo } from '../shared/contract/system';
import type { EditorsService } from './editors/editors-service';
import type { EventBus } from './events/event-bus';
import type { GitHubService } from './github/github-service';
import type { IssuesService } from './github/issues-service';
import type { PullsService } from './github/pulls-service';
import type { Logger } from './logging/logger';
import type { RatchetService } from './ratchet/ratchet-service';
import type { SessionsService } from './sessions/sessions-service';
import type { SettingsService } from './settings/settings-service';
import type { Db } from './store/database';
import type { TerminalsService } from './terminals/terminals-service';
import type { ProjectsService } from './workspaces/projects-service';
import type { WorkspacesService } from './workspaces/workspaces-service';

/** The services a core wires together; handlers reach them through the RPC context. */
export interface CoreServices {
  info: SystemInfo;
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
  editors: EditorsService;
  ratchet: RatchetService;
}

import { iterateRouter, schedulesRouter } from './automation/automation-routers';
import { editorsRouter } from './editors/editors-router';
import { eventsRouter } from './events/events-router';
import { githubRouter } from './github/github-router';
import { reviewsRouter } from './github/reviews-router';
import { promptsRouter } from './prompts/prompts-router';
import { ratchetRouter } from './ratchet/ratchet-router';
import { rpc } from './rpc-context';
import { sessionsRouter } from './sessions/sessions-router';
import { settingsRouter } from './settings/settings-router';
import { systemRouter } from './system/system-router';
import { terminalsRouter } from './terminals/terminals-router';
import { projectsRouter } from './workspaces/projects-router';
import { workspacesRouter } from './workspaces/workspaces-router';

/** The implementation of the whole contract; every transport serves exactly this router. */
export const router = rpc.router({
  system: systemRouter,
  events: eventsRouter,
  projects: projectsRouter,
  settings: settingsRouter,
  workspaces: workspacesRouter,
  terminals: terminalsRouter,
  sessions: sessionsRouter,
  github: githubRouter,
  reviews: reviewsRouter,
  editors: editorsRouter,
  prompts: promptsRouter,
  iterate: iterateRouter,
  schedules: schedulesRouter,
  ratchet: ratchetRouter,
});

export type AppRouter = typeof router;

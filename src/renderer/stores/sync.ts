import type { ContractClient } from '@shared/contract';
import type { BoardEvent } from '@shared/contract/events';
import { emitDomainEvent } from '../transport/domain-events';
import { useIterateLoops, useSchedules } from './automation-store';
import { useGitHub } from './github-store';
import { useWorkspaceProgress } from './progress-store';
import { useProjects } from './projects-store';
import { useRatchet } from './ratchet-store';
import { useReviews } from './reviews-store';
import { useSessions } from './sessions-store';
import { useSettings } from './settings-store';
import { useTerminals } from './terminals-store';
import { useWorkspaces } from './workspaces-store';

/** Loads every snapshot the stores hold. Runs after the event stream said hello, on every (re)connect. */
export async function loadSnapshots(client: ContractClient): Promise<void> {
  const [
    projects,
    settings,
    system,
    workspaces,
    sessions,
    issues,
    pulls,
    loops,
    schedules,
    inbox,
    reviews,
    ratchet,
  ] = await Promise.all([
    client.projects.list(),
    client.settings.get(),
    client.system.info(),
    client.workspaces.list({ includeArchived: true }),
    client.sessions.list({}),
    client.github.issues(),
    client.github.pulls(),
    client.iterate.list({}),
    client.schedules.list({}),
    client.reviews.inbox(),
    client.reviews.list(),
    client.ratchet.list(),
  ]);
  useProjects.getState().replaceAll(projects);
  useSettings.getState().setSettings(settings);
  useSettings.getState().setSystem(system);
  useWorkspaces.getState().replaceAll(workspaces);
  useSessions.getState().replaceAll(sessions);
  useGitHub.getState().replaceIssues(issues);
  useGitHub.getState().replacePulls(pulls);
  useIterateLoops.getState().replaceAll(loops);
  useSchedules.getState().replaceAll(schedules);
  useReviews.getState().setInbox(inbox);
  useReviews.getState().replaceReviews(reviews);
  useRatchet.getState().replaceAll(ratchet);
  // The first sign-in check may wait on gh and the network: the board does not wait for it.
  void client.github
    .status()
    .then((status) => useGitHub.getState().setStatus(status))
    .catch(() => {});
}

/** Applies one pushed board event to the stores, then tells feature listeners. */
export function routeEvent(event: BoardEvent): void {
  switch (event.type) {
    case 'project.changed':
      useProjects.getState().upsert(event.project);
      break;
    case 'project.removed':
      useProjects.getState().remove(event.projectId);
      break;
    case 'settings.changed':
      useSettings.getState().setSettings(event.settings);
      break;
    case 'workspace.changed':
      useWorkspaces.getState().upsert(event.workspace);
      break;
    case 'workspace.progress':
      useWorkspaceProgress.getState().add(event.progress);
      break;
    case 'session.changed':
      useSessions.getState().upsert(event.session);
      break;
    case 'session.removed':
      useSessions.getState().remove(event.sessionId);
      break;
    case 'terminal.changed':
      useTerminals.getState().upsert(event.terminal);
      break;
    case 'terminal.removed':
      useTerminals.getState().remove(event.terminalId);
      break;
    case 'github.changed':
      useGitHub.getState().setStatus(event.status);
      break;
    case 'github.issues':
      useGitHub.getState().upsertIssues(event.issues);
      break;
    case 'github.reviewRequests':
      useReviews.getState().setInbox(event.inbox);
      break;
    case 'review.changed':
      useReviews.getState().upsertReview(event.review);
      break;
    case 'github.pulls':
      useGitHub.getState().upsertPulls(event.pulls);
      break;
    case 'iterate.changed':
      useIterateLoops.getState().upsert(event.loop);
      break;
    case 'schedule.changed':
      useSchedules.getState().upsert(event.schedule);
      break;
    case 'schedule.removed':
      useSchedules.getState().remove(event.scheduleId);
      break;
    case 'ratchet.changed':
      useRatchet.getState().upsert(event.view);
      break;
    case 'prompts.changed':
    // Quick action lists reload on it (they listen below).
    case 'ratchet.activity':
    // Only the activity log shows these; it listens below.
    case 'script_run.changed':
      // Only the script log shows runs; it listens below.
      break;
    default:
      event satisfies never;
  }
  emitDomainEvent(event);
}

import type { IssueCard, ProjectIssues } from '@shared/contract/github';
import type { Workspace } from '@shared/contract/workspaces';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useGitHub } from '../../stores/github-store';
import { useProjects } from '../../stores/projects-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { describeError } from '../../ui/describe-error';
import { RefreshButton } from '../../ui/refresh-button';
import { RelativeTime } from '../../ui/relative-time';
import { ProviderSelect, useProviderChoice } from '../settings/provider-choice';
import { GitHubCardTitle } from './github-card-title';

/** Assigned open issues of the shown project (or of every GitHub project), per project, each startable once. */
export function IssuesColumnBody({ projectId }: { projectId: string | null }) {
  const client = useClient();
  const all = useGitHub((s) => s.issues);
  // Start uses the chosen agent, else the first one that can run here.
  const choice = useProviderChoice();
  const provider = choice.provider;
  // A project whose origin is elsewhere (or that has none) says so instead of an empty column.
  const notOnGitHub = useProjects((s) => {
    const project = projectId ? s.byId[projectId] : undefined;
    return project && !project.github ? project.name : null;
  });
  const lists = useMemo(
    () => Object.values(all).filter((p) => !projectId || p.projectId === projectId),
    [all, projectId],
  );

  if (lists.length === 0) {
    return (
      <p className="column-empty" role={notOnGitHub ? 'status' : undefined}>
        {notOnGitHub
          ? `Not on GitHub: ${notOnGitHub}'s origin is not a GitHub repository, so it has no issues or reviews here.`
          : 'Issues assigned to you appear here for projects whose origin is on GitHub.'}
      </p>
    );
  }
  return (
    <>
      <div className="issues-toolbar">
        <ProviderSelect choice={choice} label="Agent for started issues" />
        <RefreshButton
          label="Refresh issues"
          failure="Could not refresh issues"
          refresh={() => client.github.refreshIssues(projectId ? { projectId } : {})}
        />
      </div>
      {lists.map((list) => (
        <ProjectIssueList
          key={list.projectId}
          list={list}
          showRepo={projectId === null}
          provider={provider}
        />
      ))}
    </>
  );
}

/** How many issues the column holds (for its count). */
export function useIssueCount(projectId: string | null): number {
  return useGitHub((s) =>
    Object.values(s.issues)
      .filter((p) => !projectId || p.projectId === projectId)
      .reduce((n, p) => n + p.issues.length, 0),
  );
}

function ProjectIssueList(props: { list: ProjectIssues; showRepo: boolean; provider: string | null }) {
  const { list, showRepo, provider } = props;
  const workspaces = useWorkspaces((s) => s.byId);
  const linked = useMemo(() => {
    const byIssue = new Map<number, Workspace>();
    for (const w of Object.values(workspaces)) {
      if (w.projectId === list.projectId && w.issue && w.status !== 'ARCHIVED' && w.status !== 'ARCHIVING') {
        byIssue.set(w.issue.number, w);
      }
    }
    return byIssue;
  }, [workspaces, list.projectId]);
  return (
    <section className="issue-list" aria-label={`Issues of ${list.repo}`}>
      <p className="issue-list-meta">
        {showRepo && <span className="mono">{list.repo} · </span>}
        {list.issues.length} open · refreshed <RelativeTime at={list.refreshedAt} />
      </p>
      {list.problem && (
        <p className="issue-list-problem" role="status">
          {list.problem.message}
        </p>
      )}
      {list.refreshedAt && list.issues.length === 0 && !list.problem && (
        <p className="column-empty">No open issues assigned to you.</p>
      )}
      {list.issues.map((issue) => (
        <IssueCardView
          key={issue.number}
          projectId={list.projectId}
          issue={issue}
          workspace={linked.get(issue.number) ?? null}
          provider={provider}
        />
      ))}
    </section>
  );
}

function IssueCardView(props: {
  projectId: string;
  issue: IssueCard;
  workspace: Workspace | null;
  provider: string | null;
}) {
  const { projectId, issue, workspace, provider } = props;
  const client = useClient();
  const projectName = useProjects((s) => s.byId[projectId]?.name);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (!provider) return;
    setBusy(true);
    try {
      const created = await client.github.startIssue({ projectId, number: issue.number, provider });
      useWorkspaces.getState().upsert(created);
      navigate({ name: 'workspace', workspaceId: created.id, tab: null });
    } catch (error) {
      toast.error(`Could not start #${issue.number}`, { description: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="card issue-card" aria-label={`Issue #${issue.number} ${issue.title}`}>
      <GitHubCardTitle url={issue.url} number={issue.number} title={issue.title} />
      {issue.labels.length > 0 && (
        <div className="badge-row">
          {issue.labels.map((label) => (
            <Badge key={label} label={`Label ${label}`}>
              {label}
            </Badge>
          ))}
        </div>
      )}
      <footer className="card-footer">
        <span className="card-activity">{projectName}</span>
        <span className="card-actions">
          {workspace ? (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Open the workspace of #${issue.number}`}
              onClick={() => navigate({ name: 'workspace', workspaceId: workspace.id, tab: null })}
            >
              Open workspace
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={`Start #${issue.number}`}
              title={provider ? `Start with ${provider}` : 'No agent is available: set one up in Settings'}
              disabled={busy || !provider}
              onClick={() => void start()}
            >
              {busy ? 'Starting…' : 'Start'}
            </button>
          )}
        </span>
      </footer>
    </article>
  );
}

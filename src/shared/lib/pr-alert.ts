import type { Workspace } from '../contract/workspaces';

export interface PrAlert {
  title: string;
  body: string;
}

type PrFacts = Pick<Workspace, 'name' | 'pr' | 'ciState' | 'reviewState'>;

/**
 * What, if anything, to tell the user about a change in a workspace's pull request: merged or closed, CI
 * turning red or green, changes requested or approved. Nothing for the first sighting of a PR (a new link, or
 * a workspace seen for the first time), nor when nothing the user acts on changed.
 */
export function prAlert(previous: PrFacts | undefined, workspace: PrFacts): PrAlert | null {
  const pr = workspace.pr;
  if (!pr || !previous?.pr || previous.pr.number !== pr.number) return null;
  const about = (what: string, body = workspace.name): PrAlert => ({
    title: `PR #${pr.number} ${what}`,
    body,
  });
  if (pr.state !== previous.pr.state) {
    if (pr.state === 'MERGED') return about('merged');
    if (pr.state === 'CLOSED') return about('closed without merging');
  }
  if (workspace.ciState !== previous.ciState) {
    if (workspace.ciState === 'FAILURE') return about('CI failing');
    if (workspace.ciState === 'SUCCESS' && previous.ciState !== null) return about('CI passing');
  }
  if (workspace.reviewState !== previous.reviewState) {
    if (workspace.reviewState === 'CHANGES_REQUESTED') return about('changes requested');
    if (workspace.reviewState === 'APPROVED') return about('approved');
  }
  return null;
}

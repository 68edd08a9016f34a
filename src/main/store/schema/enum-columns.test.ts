import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { IteratePhase, IterateStatus } from '../../../shared/contract/iterate';
import { RatchetActivityKind } from '../../../shared/contract/ratchet';
import { PullReviewStatus, ReviewVerdict } from '../../../shared/contract/reviews';
import { PermissionPreset, SessionLogKind, SessionStatus } from '../../../shared/contract/sessions';
import { TerminalKind, TerminalStatus } from '../../../shared/contract/terminals';
import {
  CiState,
  PrState,
  ReviewState,
  ScriptKind,
  ScriptRunStatus,
  WorkspaceStatus,
} from '../../../shared/contract/workspaces';
import { iterateLoops } from './automation';
import { pullReviews } from './pull-reviews';
import { ratchetActivity } from './ratchet';
import { sessionLog, sessions } from './sessions';
import { terminals } from './terminals';
import { scriptRuns, workspaces } from './workspaces';

/** Each stored enum takes its values from the contract, so a value added there is a value the column knows. */
const columns = [
  ['workspaces.status', getTableColumns(workspaces).status, WorkspaceStatus],
  ['workspaces.pr_state', getTableColumns(workspaces).prState, PrState],
  ['workspaces.ci_state', getTableColumns(workspaces).ciState, CiState],
  ['workspaces.review_state', getTableColumns(workspaces).reviewState, ReviewState],
  ['script_runs.kind', getTableColumns(scriptRuns).kind, ScriptKind],
  ['script_runs.status', getTableColumns(scriptRuns).status, ScriptRunStatus],
  ['sessions.status', getTableColumns(sessions).status, SessionStatus],
  ['sessions.permission_preset', getTableColumns(sessions).permissionPreset, PermissionPreset],
  ['session_log.kind', getTableColumns(sessionLog).kind, SessionLogKind],
  ['terminals.kind', getTableColumns(terminals).kind, TerminalKind],
  ['terminals.status', getTableColumns(terminals).status, TerminalStatus],
  ['iterate_loops.phase', getTableColumns(iterateLoops).phase, IteratePhase],
  ['iterate_loops.status', getTableColumns(iterateLoops).status, IterateStatus],
  ['pull_reviews.status', getTableColumns(pullReviews).status, PullReviewStatus],
  ['pull_reviews.verdict', getTableColumns(pullReviews).verdict, ReviewVerdict],
  ['ratchet_activity.kind', getTableColumns(ratchetActivity).kind, RatchetActivityKind],
] as const;

describe('enum columns', () => {
  it.each(columns)('%s takes the contract enum', (_name, column, contractEnum) => {
    expect(column.enumValues).toEqual(contractEnum.options);
  });
});

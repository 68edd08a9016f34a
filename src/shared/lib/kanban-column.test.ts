import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../contract/sessions';
import type { WorkspaceStatus } from '../contract/workspaces';
import {
  deriveKanbanColumn,
  KANBAN_REASON_LABEL,
  type KanbanFacts,
  type KanbanPlacement,
} from './kanban-column';

type Row = [name: string, facts: KanbanFacts, expected: KanbanPlacement];
const ws = (workspaceStatus: WorkspaceStatus, sessionStatuses: SessionStatus[] = []): KanbanFacts => ({
  workspaceStatus,
  sessionStatuses,
});
const pr = (
  prState: KanbanFacts['prState'],
  ciState: KanbanFacts['ciState'] = null,
  reviewState: KanbanFacts['reviewState'] = null,
  sessionStatuses: SessionStatus[] = ['IDLE'],
): KanbanFacts => ({ workspaceStatus: 'READY', sessionStatuses, prState, ciState, reviewState });

const table: Row[] = [
  // Workspace lifecycle
  ['new workspace', ws('NEW'), { column: 'WORKING', reason: 'PROVISIONING' }],
  ['provisioning', ws('PROVISIONING'), { column: 'WORKING', reason: 'PROVISIONING' }],
  [
    'provisioning ignores sessions',
    ws('PROVISIONING', ['IDLE']),
    { column: 'WORKING', reason: 'PROVISIONING' },
  ],
  ['setup failed', ws('FAILED'), { column: 'WAITING', reason: 'PROVISIONING_FAILED' }],
  ['archiving leaves the board', ws('ARCHIVING', ['RUNNING']), { column: null, reason: 'ARCHIVED' }],
  ['archived leaves the board', ws('ARCHIVED'), { column: null, reason: 'ARCHIVED' }],
  // Sessions of a READY workspace
  ['ready, no sessions', ws('READY'), { column: 'WAITING', reason: 'IDLE' }],
  ['session starting', ws('READY', ['STARTING']), { column: 'WORKING', reason: 'SESSION_RUNNING' }],
  ['session running', ws('READY', ['RUNNING']), { column: 'WORKING', reason: 'SESSION_RUNNING' }],
  ['session idle', ws('READY', ['IDLE']), { column: 'WAITING', reason: 'IDLE' }],
  ['session stopped', ws('READY', ['STOPPED']), { column: 'WAITING', reason: 'IDLE' }],
  [
    'permission asked',
    ws('READY', ['AWAITING_PERMISSION']),
    { column: 'WAITING', reason: 'NEEDS_PERMISSION' },
  ],
  ['session error', ws('READY', ['ERROR']), { column: 'WAITING', reason: 'SESSION_ERROR' }],
  [
    'permission outranks a running sibling',
    ws('READY', ['RUNNING', 'AWAITING_PERMISSION']),
    { column: 'WAITING', reason: 'NEEDS_PERMISSION' },
  ],
  [
    'error outranks a running sibling',
    ws('READY', ['ERROR', 'RUNNING']),
    { column: 'WAITING', reason: 'SESSION_ERROR' },
  ],
  [
    'one running among idle',
    ws('READY', ['IDLE', 'RUNNING', 'STOPPED']),
    { column: 'WORKING', reason: 'SESSION_RUNNING' },
  ],
  // Pull request facts at rest
  ['PR merged', pr('MERGED'), { column: 'DONE', reason: 'PR_MERGED' }],
  [
    'PR merged while archived',
    { ...pr('MERGED'), workspaceStatus: 'ARCHIVED' },
    { column: 'DONE', reason: 'PR_MERGED' },
  ],
  [
    'PR merged while a session runs',
    pr('MERGED', null, null, ['RUNNING']),
    { column: 'DONE', reason: 'PR_MERGED' },
  ],
  ['PR open, CI running', pr('OPEN', 'PENDING'), { column: 'WAITING', reason: 'CI_RUNNING' }],
  ['PR open, CI failed', pr('OPEN', 'FAILURE', 'APPROVED'), { column: 'WAITING', reason: 'CI_FAILED' }],
  [
    'PR open, changes requested',
    pr('OPEN', 'SUCCESS', 'CHANGES_REQUESTED'),
    { column: 'WAITING', reason: 'CHANGES_REQUESTED' },
  ],
  [
    'PR open, review required',
    pr('OPEN', 'SUCCESS', 'REVIEW_REQUIRED'),
    { column: 'WAITING', reason: 'REVIEW_PENDING' },
  ],
  [
    'PR open, approved and green',
    pr('OPEN', 'SUCCESS', 'APPROVED'),
    { column: 'WAITING', reason: 'READY_TO_MERGE' },
  ],
  ['PR open, no CI no review', pr('OPEN', 'NONE', 'NONE'), { column: 'WAITING', reason: 'IDLE' }],
  ['PR draft', pr('DRAFT', 'SUCCESS', 'REVIEW_REQUIRED'), { column: 'WAITING', reason: 'IDLE' }],
  ['PR draft, CI failed', pr('DRAFT', 'FAILURE'), { column: 'WAITING', reason: 'CI_FAILED' }],
  ['PR closed unmerged', pr('CLOSED', 'SUCCESS'), { column: 'WAITING', reason: 'PR_CLOSED' }],
  [
    'PR open, agent fixing CI',
    pr('OPEN', 'FAILURE', null, ['RUNNING']),
    { column: 'WORKING', reason: 'SESSION_RUNNING' },
  ],
  [
    'PR open, agent asks permission',
    pr('OPEN', 'PENDING', null, ['AWAITING_PERMISSION']),
    {
      column: 'WAITING',
      reason: 'NEEDS_PERMISSION',
    },
  ],
];

describe('deriveKanbanColumn', () => {
  it.each(table)('%s', (_name, facts, expected) => {
    expect(deriveKanbanColumn(facts)).toEqual(expected);
  });

  it('has a label for every reason it returns', () => {
    for (const [, facts] of table) {
      expect(KANBAN_REASON_LABEL[deriveKanbanColumn(facts).reason]).toMatch(/\w/);
    }
  });
});

import type { Session } from '@shared/contract/sessions';
import type { Workspace } from '@shared/contract/workspaces';
import { describe, expect, it } from 'vitest';
import { buildBoard } from './board-model';

function workspace(id: string, projectId: string, extra: Partial<Workspace> = {}): Workspace {
  return {
    id,
    projectId,
    name: id,
    branch: `ff/${id}`,
    baseBranch: 'main',
    worktreePath: `/tmp/${id}`,
    status: 'READY',
    statusReason: null,
    runPort: null,
    issue: null,
    pr: null,
    ciState: null,
    reviewState: null,
    hasMergeConflict: false,
    ratchetEnabled: false,
    collisions: [],
    collidesWith: [],
    aheadBehind: null,
    lastActivityAt: null,
    createdAt: 1,
    updatedAt: 1,
    archivedAt: null,
    ...extra,
  } as Workspace;
}

function session(id: string, workspaceId: string, status: Session['status'], lastActivityAt: number | null) {
  return { id, workspaceId, status, lastActivityAt, createdAt: 1 } as Session;
}

describe('buildBoard', () => {
  const workspaces = {
    a: workspace('a', 'p1'),
    b: workspace('b', 'p1', { lastActivityAt: 50 }),
    c: workspace('c', 'p2', { pr: { number: 1, url: 'https://x/1', state: 'MERGED' } }),
    d: workspace('d', 'p1', { status: 'PROVISIONING', createdAt: 10 }),
  };
  const sessions = {
    s1: session('s1', 'a', 'RUNNING', 100),
    s2: session('s2', 'b', 'AWAITING_PERMISSION', 20),
    s3: session('s3', 'b', 'IDLE', 30),
  };

  it('places each workspace by the derived column, with the reason and its sessions', () => {
    const board = buildBoard(workspaces, sessions, null);
    expect(board.WORKING.map((c) => c.workspace.id)).toEqual(['a', 'd']);
    expect(board.WAITING.map((c) => c.workspace.id)).toEqual(['b']);
    expect(board.WAITING[0]?.placement.reason).toBe('NEEDS_PERMISSION');
    expect(board.WAITING[0]?.sessions.map((s) => s.id).sort()).toEqual(['s2', 's3']);
    expect(board.DONE.map((c) => c.workspace.id)).toEqual(['c']);
  });

  it('keeps the most recent activity of the workspace or its sessions, newest first', () => {
    const board = buildBoard(workspaces, sessions, null);
    expect(board.WAITING[0]?.lastActivityAt).toBe(50);
    expect(board.WORKING[0]?.lastActivityAt).toBe(100);
  });

  it('shows one project when asked', () => {
    const board = buildBoard(workspaces, sessions, 'p2');
    expect(board.WORKING).toEqual([]);
    expect(board.WAITING).toEqual([]);
    expect(board.DONE.map((c) => c.workspace.id)).toEqual(['c']);
  });
});

import type { Workspace } from '@shared/contract/workspaces';
import { describe, expect, it } from 'vitest';
import { prStateOf } from './pr-badges';

const withPr = (state: NonNullable<Workspace['pr']>['state'], reviewState: Workspace['reviewState'] = null) =>
  ({ pr: { number: 7, url: 'https://github.com/o/r/pull/7', state }, reviewState }) as Workspace;

describe('prStateOf', () => {
  it.each([
    [withPr('DRAFT', 'APPROVED'), 'draft'],
    [withPr('OPEN'), 'open'],
    [withPr('OPEN', 'REVIEW_REQUIRED'), 'open'],
    [withPr('OPEN', 'CHANGES_REQUESTED'), 'changes requested'],
    [withPr('OPEN', 'APPROVED'), 'approved'],
    [withPr('MERGED', 'APPROVED'), 'merged'],
    [withPr('CLOSED', 'CHANGES_REQUESTED'), 'closed'],
  ])('%#: says %s', (workspace, text) => {
    expect(prStateOf(workspace)?.text).toBe(text);
  });

  it('is nothing without a PR', () => {
    expect(prStateOf({ pr: null, reviewState: null } as Workspace)).toBeNull();
  });
});

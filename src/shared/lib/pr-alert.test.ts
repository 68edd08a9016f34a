import { describe, expect, it } from 'vitest';
import { prAlert } from './pr-alert';

const base = {
  name: 'Fix the login',
  pr: { number: 7, url: 'https://github.com/o/r/pull/7', state: 'OPEN' as const },
  ciState: 'PENDING' as const,
  reviewState: 'REVIEW_REQUIRED' as const,
};

describe('prAlert', () => {
  it('says what changed that the user acts on', () => {
    expect(prAlert(base, { ...base, ciState: 'FAILURE' })).toEqual({
      title: 'PR #7 CI failing',
      body: 'Fix the login',
    });
    expect(prAlert({ ...base, ciState: 'FAILURE' }, { ...base, ciState: 'SUCCESS' })?.title).toBe(
      'PR #7 CI passing',
    );
    expect(prAlert(base, { ...base, reviewState: 'CHANGES_REQUESTED' })?.title).toBe(
      'PR #7 changes requested',
    );
    expect(prAlert(base, { ...base, reviewState: 'APPROVED' })?.title).toBe('PR #7 approved');
    expect(prAlert(base, { ...base, pr: { ...base.pr, state: 'MERGED' } })?.title).toBe('PR #7 merged');
    expect(prAlert(base, { ...base, pr: { ...base.pr, state: 'CLOSED' } })?.title).toBe(
      'PR #7 closed without merging',
    );
  });

  it('a merge outranks the checks that changed with it', () => {
    const merged = { ...base, pr: { ...base.pr, state: 'MERGED' as const }, ciState: 'SUCCESS' as const };
    expect(prAlert(base, merged)?.title).toBe('PR #7 merged');
  });

  it('says nothing for a first sighting, a new PR, or nothing to act on', () => {
    expect(prAlert(undefined, base)).toBeNull();
    expect(prAlert({ ...base, pr: null }, base)).toBeNull();
    expect(prAlert(base, { ...base, pr: { ...base.pr, number: 8 } })).toBeNull();
    expect(prAlert(base, base)).toBeNull();
    expect(prAlert(base, { ...base, ciState: 'PENDING', reviewState: 'REVIEW_REQUIRED' })).toBeNull();
    expect(prAlert({ ...base, ciState: null }, { ...base, ciState: 'SUCCESS' })).toBeNull();
  });
});

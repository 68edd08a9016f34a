import { describe, expect, it } from 'vitest';
import {
  deriveRatchetState,
  RATCHET_STATES,
  type RatchetFacts,
  type RatchetPlacement,
  ratchetNextStep,
} from './ratchet-state';

const green: RatchetFacts = {
  enabled: true,
  prState: 'OPEN',
  ci: 'PASSING',
  mergeable: 'MERGEABLE',
  reviewDecision: 'APPROVED',
  unresolvedThreads: 0,
};
const f = (patch: Partial<RatchetFacts>): RatchetFacts => ({ ...green, ...patch });
type Row = [name: string, facts: RatchetFacts, expected: RatchetPlacement];

const table: Row[] = [
  // OFF wins over everything
  ['off', f({ enabled: false }), { state: 'OFF', detail: 'NONE' }],
  ['off even when merged', f({ enabled: false, prState: 'MERGED' }), { state: 'OFF', detail: 'NONE' }],
  [
    'off even with a conflict',
    f({ enabled: false, mergeable: 'CONFLICTING' }),
    { state: 'OFF', detail: 'NONE' },
  ],
  // MERGED wins over stale facts
  ['merged', f({ prState: 'MERGED' }), { state: 'MERGED', detail: 'NONE' }],
  [
    'merged with red CI left over',
    f({ prState: 'MERGED', ci: 'FAILING' }),
    { state: 'MERGED', detail: 'NONE' },
  ],
  // No open PR → IDLE
  ['no PR', f({ prState: null }), { state: 'IDLE', detail: 'NO_PR' }],
  ['no PR ignores CI', f({ prState: null, ci: 'FAILING' }), { state: 'IDLE', detail: 'NO_PR' }],
  ['closed', f({ prState: 'CLOSED', ci: 'FAILING' }), { state: 'IDLE', detail: 'CLOSED' }],
  ['draft', f({ prState: 'DRAFT', ci: 'FAILING' }), { state: 'IDLE', detail: 'DRAFT' }],
  // Conflict before CI
  ['conflict', f({ mergeable: 'CONFLICTING' }), { state: 'MERGE_CONFLICT', detail: 'NONE' }],
  [
    'conflict and a red check at once',
    f({ mergeable: 'CONFLICTING', ci: 'FAILING' }),
    { state: 'MERGE_CONFLICT', detail: 'NONE' },
  ],
  [
    'conflict and changes requested',
    f({ mergeable: 'CONFLICTING', reviewDecision: 'CHANGES_REQUESTED' }),
    { state: 'MERGE_CONFLICT', detail: 'NONE' },
  ],
  // CI before review
  ['red CI', f({ ci: 'FAILING' }), { state: 'CI_FAILED', detail: 'NONE' }],
  [
    'red CI and changes requested',
    f({ ci: 'FAILING', reviewDecision: 'CHANGES_REQUESTED', unresolvedThreads: 2 }),
    { state: 'CI_FAILED', detail: 'NONE' },
  ],
  [
    'red CI while mergeability unknown',
    f({ ci: 'FAILING', mergeable: 'UNKNOWN' }),
    { state: 'CI_FAILED', detail: 'NONE' },
  ],
  ['CI running', f({ ci: 'PENDING' }), { state: 'CI_RUNNING', detail: 'NONE' }],
  [
    'CI running and changes requested',
    f({ ci: 'PENDING', reviewDecision: 'CHANGES_REQUESTED' }),
    { state: 'CI_RUNNING', detail: 'NONE' },
  ],
  // Reviews
  [
    'changes requested',
    f({ reviewDecision: 'CHANGES_REQUESTED' }),
    { state: 'REVIEW_PENDING', detail: 'CHANGES_REQUESTED' },
  ],
  [
    'approved with unresolved threads',
    f({ unresolvedThreads: 1 }),
    { state: 'REVIEW_PENDING', detail: 'UNRESOLVED_THREADS' },
  ],
  [
    'changes requested wins over threads',
    f({ reviewDecision: 'CHANGES_REQUESTED', unresolvedThreads: 3 }),
    { state: 'REVIEW_PENDING', detail: 'CHANGES_REQUESTED' },
  ],
  [
    'awaiting a review',
    f({ reviewDecision: 'REVIEW_REQUIRED' }),
    { state: 'REVIEW_PENDING', detail: 'AWAITING_REVIEW' },
  ],
  [
    'threads before awaiting review',
    f({ reviewDecision: 'REVIEW_REQUIRED', unresolvedThreads: 1 }),
    { state: 'REVIEW_PENDING', detail: 'UNRESOLVED_THREADS' },
  ],
  // Ready
  ['green and approved', green, { state: 'READY', detail: 'NONE' }],
  ['no CI, no review required', f({ ci: 'NONE', reviewDecision: null }), { state: 'READY', detail: 'NONE' }],
  [
    'green but mergeability unknown',
    f({ mergeable: 'UNKNOWN' }),
    { state: 'IDLE', detail: 'MERGEABILITY_UNKNOWN' },
  ],
];

describe('deriveRatchetState', () => {
  it.each(table)('%s', (_name, facts, expected) => {
    expect(deriveRatchetState(facts)).toEqual(expected);
  });

  it('reaches every state', () => {
    const reached = new Set(table.map(([, , e]) => e.state));
    expect([...reached].sort()).toEqual([...RATCHET_STATES].sort());
  });
});

describe('ratchetNextStep', () => {
  const on = { ciFixes: true, reviewFixes: true, autoMerge: true };
  it('says what happens next, by settings', () => {
    expect(ratchetNextStep({ state: 'READY', detail: 'NONE' }, on)).toBe('Merges the pull request');
    expect(ratchetNextStep({ state: 'READY', detail: 'NONE' }, { ...on, autoMerge: false })).toBe(
      'Tells you it is ready to merge',
    );
    expect(ratchetNextStep({ state: 'CI_FAILED', detail: 'NONE' }, { ...on, ciFixes: false })).toBe(
      'Nothing: CI fixes are off',
    );
    expect(ratchetNextStep({ state: 'IDLE', detail: 'DRAFT' }, on)).toMatch(/draft/);
    expect(ratchetNextStep({ state: 'REVIEW_PENDING', detail: 'AWAITING_REVIEW' }, on)).toBe(
      'Waits for a review',
    );
  });
});

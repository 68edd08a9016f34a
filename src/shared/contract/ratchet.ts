import { z } from 'zod';
import { RATCHET_STATES } from '../lib/ratchet-state';
import { base } from './base';
import { Id, Timestamp } from './common';
import { GitHubProblemView } from './github';
import { PermissionPreset } from './sessions';

export const RatchetState = z.enum(RATCHET_STATES);
export const RatchetDetail = z.enum([
  'NONE',
  'NO_PR',
  'DRAFT',
  'CLOSED',
  'MERGEABILITY_UNKNOWN',
  'CHANGES_REQUESTED',
  'UNRESOLVED_THREADS',
  'AWAITING_REVIEW',
]);
export const MergeMethod = z.enum(['merge', 'squash', 'rebase']);
export type MergeMethod = z.infer<typeof MergeMethod>;
/** How Ratchet brings a branch up to date with its base; `rebase` also allows a push with lease after it. */
export const SyncMethod = z.enum(['merge', 'rebase']);
export type SyncMethod = z.infer<typeof SyncMethod>;

const Login = z
  .string()
  .trim()
  .min(1)
  .max(39)
  .regex(/^[A-Za-z0-9-]+(\[bot\])?$/, 'A GitHub login has letters, digits and dashes');

/** What Ratchet may do for a workspace; global defaults in Settings, overridable per workspace. */
export const RatchetSettings = z.object({
  /** Ask an agent to fix failing checks and conflicts with the base (a branch that does not merge has no CI). */
  ciFixes: z.boolean(),
  /** Ask an agent to address review comments of the allowed reviewers. */
  reviewFixes: z.boolean(),
  /** Whose review comments are worked on (GitHub logins); nobody's when empty. */
  allowedReviewers: z.array(Login).max(100),
  /** Resolve a review thread after replying on it. */
  resolveThreads: z.boolean(),
  /** Merge a READY pull request (else only tell the user). */
  autoMerge: z.boolean(),
  mergeMethod: MergeMethod,
  syncMethod: SyncMethod,
  /** Between checks of the pull request. */
  intervalMs: z.number().int().min(5_000).max(86_400_000),
  /** The provider of fix sessions. */
  provider: z.string().min(1).max(100),
  /** The permission preset of fix sessions; null = the app's default preset. */
  permissionPreset: PermissionPreset.nullable(),
});
export type RatchetSettings = z.infer<typeof RatchetSettings>;

/** The global Ratchet settings: the per-workspace defaults plus the limits that apply to all workspaces. */
export const RatchetGlobalSettings = RatchetSettings.extend({
  /** Attempts at one snapshot (head + failing checks + comments) before Ratchet stalls and says why. */
  maxAttempts: z.number().int().min(1).max(20),
  /** Workspaces Ratchet works on at once (syncing, prompting, pushing, merging). */
  concurrency: z.number().int().min(1).max(50),
});
export type RatchetGlobalSettings = z.infer<typeof RatchetGlobalSettings>;

export const RATCHET_DEFAULTS: RatchetGlobalSettings = {
  ciFixes: true,
  reviewFixes: true,
  allowedReviewers: [],
  resolveThreads: false,
  autoMerge: false,
  mergeMethod: 'squash',
  syncMethod: 'merge',
  intervalMs: 60_000,
  provider: 'claude',
  permissionPreset: null,
  maxAttempts: 3,
  concurrency: 2,
};

/** A workspace's own settings: only the keys it overrides. */
export const RatchetOverrides = RatchetSettings.partial();
export type RatchetOverrides = z.infer<typeof RatchetOverrides>;

/** What Ratchet is doing for a workspace right now. */
export const RatchetPhase = z.enum(['WATCHING', 'SYNCING', 'FIXING', 'PUSHING', 'REPLYING', 'MERGING']);
export type RatchetPhase = z.infer<typeof RatchetPhase>;

export const RatchetLink = z.object({ label: z.string(), url: z.string() });
export type RatchetLink = z.infer<typeof RatchetLink>;

/** Ratchet as the card, the header and Admin → Ratchet show it. The state is derived from the last read. */
export const RatchetView = z.object({
  workspaceId: Id,
  enabled: z.boolean(),
  state: RatchetState,
  detail: RatchetDetail,
  /** What Ratchet will do next, in words. */
  nextStep: z.string(),
  phase: RatchetPhase,
  /** Why Ratchet stopped trying (attempts used up, a conflict it could not resolve); null when it did not. */
  stalled: z.string().nullable(),
  /** Why Ratchet holds off this cycle (your session is running, …); null when nothing holds it. */
  waiting: z.string().nullable(),
  /** Attempts at the current snapshot. */
  attempts: z.number().int(),
  lastAction: z.object({ at: Timestamp, message: z.string() }).nullable(),
  lastCheckAt: Timestamp.nullable(),
  nextCheckAt: Timestamp.nullable(),
  /** The workspace's Ratchet session (fix prompts go there), once created. */
  sessionId: Id.nullable(),
  /** Why the last read of the pull request failed; null when it did not. */
  problem: GitHubProblemView.nullable(),
  settings: RatchetSettings,
  overrides: RatchetOverrides,
});
export type RatchetView = z.infer<typeof RatchetView>;

export const RatchetActivityKind = z.enum([
  'ENABLED',
  'DISABLED',
  'SAW',
  'SYNCED',
  'PROMPTED',
  'PUSHED',
  'REPLIED',
  'MERGED',
  'READY',
  'WAITING',
  'STALLED',
  'ABANDONED',
  'FAILED',
]);
export type RatchetActivityKind = z.infer<typeof RatchetActivityKind>;

/** One line of a workspace's Ratchet activity log: what it saw and did, with links. Kept across restarts. */
export const RatchetActivity = z.object({
  id: z.number().int(),
  workspaceId: Id,
  at: Timestamp,
  kind: RatchetActivityKind,
  message: z.string(),
  links: z.array(RatchetLink),
});
export type RatchetActivity = z.infer<typeof RatchetActivity>;

const WorkspaceInput = z.object({ workspaceId: Id });

export const ratchet = {
  /** Every workspace Ratchet is on for (Admin → Ratchet), with state, last action and next check. */
  list: base.input(z.void()).output(z.array(RatchetView)),
  get: base.input(WorkspaceInput).output(RatchetView),
  /** Turns Ratchet on or off for a workspace; off stops its session and acts on nothing more. */
  setEnabled: base.input(WorkspaceInput.extend({ enabled: z.boolean() })).output(RatchetView),
  /** Replaces the workspace's overrides (null: use the global settings for every key). */
  updateSettings: base
    .input(WorkspaceInput.extend({ overrides: RatchetOverrides.nullable() }))
    .output(RatchetView),
  /** Checks now (one workspace, or every Ratchet workspace) and answers once the decisions are made. */
  checkNow: base.input(z.object({ workspaceId: Id.optional() })).output(z.array(RatchetView)),
  /** The workspace's activity log, newest first, `before` an id to page back. */
  activity: base
    .input(
      WorkspaceInput.extend({
        before: z.number().int().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      }),
    )
    .output(z.array(RatchetActivity)),
};

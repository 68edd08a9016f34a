import { afterEach } from 'vitest';
import type { DomainEvent } from '../../src/shared/contract/events';
import {
  RATCHET_DEFAULTS,
  type RatchetActivity,
  type RatchetActivityKind,
  type RatchetGlobalSettings,
} from '../../src/shared/contract/ratchet';
import type { Workspace } from '../../src/shared/contract/workspaces';
import type { FakeRatchetCheck } from '../fixtures/fake-github/ratchet';
import type { FakePull } from '../fixtures/fake-github/server';
import { cloneOrigin, commitFiles, git, makeGitHubRepo } from '../fixtures/repo-builders';
import type { TestCore } from '../helpers/core-harness';
import { EventRecorder, seedWorkspace } from '../helpers/seed-workspace';
import { type GitHubRig, useFakeGitHub } from './github-helpers';
import { type FakeScript, useFakeAgent as registerFakeAgent } from './sessions-helpers';

export const TOKEN = 'tok-octo-ratchet';

/** The agent's step that commits a fix. */
export const FIX = { commit: { files: { 'fix.txt': 'fixed\n' }, message: 'Fix the failing test' } };

export interface RatchetRig {
  t: TestCore;
  recorder: EventRecorder;
  repo: string;
  origin: string;
  workspace: Workspace;
  pull: FakePull;
}

type RatchetRigOptions = {
  script: FakeScript;
  checks?: FakeRatchetCheck[];
  pull?: Partial<FakePull>;
  settings?: Partial<RatchetGlobalSettings>;
  files?: Record<string, string>;
};

export interface RatchetRigs extends GitHubRig {
  /** A rig (see ratchetRig below), stopped and removed after the test. */
  start(options: RatchetRigOptions): Promise<RatchetRig>;
}

/** For a describe block: the fake GitHub of useFakeGitHub, and per test the Ratchet rigs it starts. */
export function useRatchetRig(): RatchetRigs {
  const gh = useFakeGitHub(TOKEN);
  const recorders: EventRecorder[] = [];
  afterEach(() => {
    for (const recorder of recorders.splice(0)) recorder.stop();
  });
  return Object.assign(gh, {
    async start(options: RatchetRigOptions) {
      const rig = await ratchetRig(gh, options);
      recorders.push(rig.recorder);
      return rig;
    },
  });
}

/** A teammate moves main on in the origin with `files`; returns the new commit. */
export function teammatePushesMain(origin: string, files: Record<string, string>): string {
  const teammate = cloneOrigin(origin);
  const sha = commitFiles(teammate, files, 'Teammate change');
  git(teammate, 'push', '-q', 'origin', 'main');
  return sha;
}

/** The workspace commits and pushes `files` to its branch, and the PR's head follows; returns the commit. */
export function pushOurChange(
  rig: Pick<RatchetRig, 'workspace' | 'pull'>,
  files: Record<string, string>,
): string {
  const ours = commitFiles(rig.workspace.worktreePath, files, 'Our change');
  git(rig.workspace.worktreePath, 'push', '-q', 'origin', rig.workspace.branch);
  rig.pull.headSha = ours;
  return ours;
}

/**
 * A core signed in to the fake GitHub, a GitHub project whose origin is a real bare repository, a workspace
 * whose branch is pushed with an open PR (linked by the PR refresh), the fake agent as Ratchet's provider
 * (YOLO preset) and Ratchet's settings; Ratchet is not yet on.
 */
async function ratchetRig(gh: GitHubRig, options: RatchetRigOptions): Promise<RatchetRig> {
  const t = await gh.core();
  const { repo, origin } = makeGitHubRepo('octo', 'app', options.files ? { files: options.files } : {});
  const { project, workspace } = await seedWorkspace(t, { repo });
  git(workspace.worktreePath, 'push', '-q', '-u', 'origin', workspace.branch);
  const pull = gh.github.addPull('octo', 'app', {
    head: workspace.branch,
    headSha: git(workspace.worktreePath, 'rev-parse', 'HEAD'),
    checkRuns: options.checks ?? [],
    reviewDecision: null,
    ...options.pull,
  });
  await t.client.github.refreshPulls({ projectId: project.id });
  const provider = await registerFakeAgent(t, options.script, 'fake');
  await t.client.settings.update({
    ratchet: { ...RATCHET_DEFAULTS, provider, permissionPreset: 'YOLO', ...options.settings },
  });
  const recorder = await EventRecorder.start(t);
  return { t, recorder, repo, origin, workspace, pull };
}

type ActivityEvent = Extract<DomainEvent, { type: 'ratchet.activity' }>;

/** Waits for the workspace's next activity line of `kind` recorded after `after`. */
export async function activity(
  rig: Pick<RatchetRig, 'recorder' | 'workspace'>,
  kind: RatchetActivityKind,
  after = 0,
): Promise<RatchetActivity> {
  const event = await rig.recorder.waitFor(
    (e) => e.type === 'ratchet.activity' && e.entry.workspaceId === rig.workspace.id && e.entry.kind === kind,
    `Ratchet activity ${kind}`,
    { after },
  );
  return (event as ActivityEvent).entry;
}

/** The stored activity of the workspace, oldest first, as kinds. */
export async function activityKinds(
  rig: Pick<RatchetRig, 't' | 'workspace'>,
): Promise<RatchetActivityKind[]> {
  const entries = await rig.t.client.ratchet.activity({ workspaceId: rig.workspace.id, limit: 500 });
  return entries.reverse().map((e) => e.kind);
}

/** Checks now and waits for the attempt it started (if any) to end or pause. */
export async function checkAndSettle(rig: Pick<RatchetRig, 't' | 'workspace'>) {
  const [view] = await rig.t.client.ratchet.checkNow({ workspaceId: rig.workspace.id });
  await rig.t.core.services.ratchet.settled(rig.workspace.id);
  return view;
}

/** The prompts sent to the workspace's Ratchet session, as text. */
export async function ratchetPrompts(rig: Pick<RatchetRig, 't' | 'workspace'>): Promise<string[]> {
  const view = await rig.t.client.ratchet.get({ workspaceId: rig.workspace.id });
  if (!view.sessionId) return [];
  const sessions = await rig.t.client.sessions.list({ workspaceId: rig.workspace.id });
  const texts: string[] = [];
  for (const s of sessions.filter((x) => x.title === 'Ratchet')) {
    const page = await rig.t.client.sessions.log({ sessionId: s.id, afterSeq: 0, limit: 500 });
    for (const e of page.entries) {
      if (e.kind !== 'prompt') continue;
      const blocks = (e.payload as { prompt: Array<{ type: string; text?: string }> }).prompt;
      texts.push(blocks.map((b) => b.text ?? '').join(''));
    }
  }
  return texts;
}

import type { GitHubStatus, ProjectIssues, PullsRefresh } from '@shared/contract/github';
import { create } from 'zustand';

interface GitHubStore {
  status: GitHubStatus | null;
  /** Each GitHub project's assigned open issues, by project id. */
  issues: Record<string, ProjectIssues>;
  /** How each GitHub project's last pull request read went (when, and why it failed), by project id. */
  pulls: Record<string, PullsRefresh>;
  /** Keeps the newest check: an answer that arrives after a newer pushed status does not replace it. */
  setStatus(status: GitHubStatus): void;
  replaceIssues(all: ProjectIssues[]): void;
  upsertIssues(one: ProjectIssues): void;
  replacePulls(all: PullsRefresh[]): void;
  upsertPulls(one: PullsRefresh): void;
}

export const useGitHub = create<GitHubStore>((set, get) => ({
  status: null,
  issues: {},
  pulls: {},
  setStatus: (status) => {
    const current = get().status;
    if (!current || status.checkedAt >= current.checkedAt) set({ status });
  },
  replaceIssues: (all) => set({ issues: Object.fromEntries(all.map((p) => [p.projectId, p])) }),
  upsertIssues: (one) => set((s) => ({ issues: { ...s.issues, [one.projectId]: one } })),
  replacePulls: (all) => set({ pulls: Object.fromEntries(all.map((p) => [p.projectId, p])) }),
  upsertPulls: (one) => set((s) => ({ pulls: { ...s.pulls, [one.projectId]: one } })),
}));

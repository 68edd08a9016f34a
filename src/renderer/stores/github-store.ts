import type { GitHubStatus } from '@shared/contract/github';
import { create } from 'zustand';

interface GitHubStore {
  status: GitHubStatus | null;
  /** Keeps the newest check: an answer that arrives after a newer pushed status does not replace it. */
  setStatus(status: GitHubStatus): void;
}

export const useGitHub = create<GitHubStore>((set, get) => ({
  status: null,
  setStatus: (status) => {
    const current = get().status;
    if (!current || status.checkedAt >= current.checkedAt) set({ status });
  },
}));

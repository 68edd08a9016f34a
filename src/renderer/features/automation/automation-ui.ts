import { create } from 'zustand';

/** Which automation dialog is open, and for what. Not persisted. */
interface AutomationUi {
  /** The iterate-until-green dialog: its workspace and the session it will use (none: a new session). */
  iterate: { workspaceId: string; sessionId: string | null } | null;
  /** The schedules dialog: its project, and the workspace it opened from (new schedules default to it). */
  schedules: { projectId: string; workspaceId: string | null } | null;
  openIterate(workspaceId: string, sessionId: string | null): void;
  openSchedules(projectId: string, workspaceId: string | null): void;
  close(): void;
}

export const useAutomationUi = create<AutomationUi>((set) => ({
  iterate: null,
  schedules: null,
  openIterate: (workspaceId, sessionId) => set({ iterate: { workspaceId, sessionId }, schedules: null }),
  openSchedules: (projectId, workspaceId) => set({ schedules: { projectId, workspaceId }, iterate: null }),
  close: () => set({ iterate: null, schedules: null }),
}));

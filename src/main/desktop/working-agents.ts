import type { Session, SessionStatus } from '../../shared/contract/sessions';

const WORKING: ReadonlySet<SessionStatus> = new Set(['STARTING', 'RUNNING', 'AWAITING_PERMISSION']);

/** Sessions whose agent is in the middle of something: quitting or pausing interrupts them. */
export function workingSessions(sessions: Session[]): Session[] {
  return sessions.filter((s) => WORKING.has(s.status));
}

/** Cancels the turn of every working session (queued prompts are held until the user resumes them). */
export function pauseAll(sessions: Session[], cancel: (sessionId: string) => unknown): number {
  const working = workingSessions(sessions);
  for (const session of working) cancel(session.id);
  return working.length;
}

export interface QuitConfirmation {
  message: string;
  detail: string;
  buttons: [string, string];
  /** Index of the button that quits. */
  quitId: 0;
  cancelId: 1;
  defaultId: 1;
}

/** What to ask before quitting while agents work; null when nothing would be interrupted. */
export function quitConfirmation(sessions: Session[]): QuitConfirmation | null {
  const working = workingSessions(sessions);
  if (working.length === 0) return null;
  const names = working
    .slice(0, 5)
    .map((s) => `• ${s.title}`)
    .join('\n');
  const more = working.length > 5 ? `\n…and ${working.length - 5} more` : '';
  const agents = working.length === 1 ? '1 agent is' : `${working.length} agents are`;
  return {
    message: `${agents} still working. Quit anyway?`,
    detail: `Quitting stops them; their conversations are kept and can be resumed.\n\n${names}${more}`,
    buttons: ['Quit', 'Cancel'],
    quitId: 0,
    cancelId: 1,
    defaultId: 1,
  };
}

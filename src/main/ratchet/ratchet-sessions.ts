import type { DomainEvent } from '../../shared/contract/events';
import type { RatchetSettings } from '../../shared/contract/ratchet';
import type { PermissionPreset, Session } from '../../shared/contract/sessions';
import { err, ok, type Result } from '../../shared/lib/result';

/** What Ratchet needs of the sessions service. */
export interface RatchetSessionsDeps {
  list(workspaceId: string): Session[];
  get(id: string): Session | null;
  create(input: {
    workspaceId: string;
    provider: string;
    title: string;
    permissionPreset?: PermissionPreset;
    prompt: string;
    background: boolean;
  }): Result<Session, unknown>;
  prompt(id: string, text: string, mentions: string[], priority: 'background'): Result<unknown, unknown>;
  stop(id: string): Promise<unknown>;
  onEvent(listener: (event: DomainEvent) => void): () => void;
}

export interface RatchetSessions {
  /** Sends a prompt to the workspace's Ratchet session (created on first use); `turn` settles when it ends. */
  send(
    workspaceId: string,
    text: string,
    settings: RatchetSettings,
  ): Promise<Result<{ sessionId: string; turn: Promise<void> }, string>>;
  /** Why Ratchet must not act now: a user's session in the workspace is working or asking; else null. */
  userBusy(workspaceId: string): string | null;
  /** Stops the workspace's Ratchet session (Ratchet turned off). */
  stop(workspaceId: string): Promise<void>;
}

const USABLE = new Set(['STARTING', 'IDLE', 'RUNNING', 'AWAITING_PERMISSION']);

/**
 * One Ratchet session per workspace: its id is kept in Ratchet's progress; a session that stopped or failed is
 * replaced (never two live at once). Its agent starts in the background lane of admission, behind the user's.
 */
export function ratchetSessions(
  deps: RatchetSessionsDeps,
  ids: { get(workspaceId: string): string | null; set(workspaceId: string, sessionId: string): void },
): RatchetSessions {
  /** Settles when the session's next turn ends, or the session stops, fails or is deleted. */
  const nextTurnEnd = (sessionId: () => string | null) =>
    new Promise<void>((resolve) => {
      const off = deps.onEvent((event) => {
        const id = sessionId();
        const ended =
          (event.type === 'session.log' &&
            event.entry.sessionId === id &&
            event.entry.kind === 'status' &&
            typeof (event.entry.payload as { cause?: unknown })?.cause === 'string') ||
          (event.type === 'session.changed' &&
            event.session.id === id &&
            (event.session.status === 'ERROR' || event.session.status === 'STOPPED')) ||
          (event.type === 'session.removed' && event.sessionId === id);
        if (ended) {
          off();
          resolve();
        }
      });
    });

  return {
    async send(workspaceId, text, settings) {
      const existingId = ids.get(workspaceId);
      const existing = existingId ? deps.get(existingId) : null;
      let current: string | null = null;
      const turn = nextTurnEnd(() => current);
      if (existing && !existing.readOnly && USABLE.has(existing.status)) {
        current = existing.id;
        const sent = deps.prompt(existing.id, text, [], 'background');
        if (sent.ok) return ok({ sessionId: existing.id, turn });
      }
      if (existing && existing.process.state !== 'none') await deps.stop(existing.id);
      const created = deps.create({
        workspaceId,
        provider: settings.provider,
        title: 'Ratchet',
        permissionPreset: settings.permissionPreset ?? undefined,
        prompt: text,
        background: true,
      });
      if (!created.ok) {
        const reason = (created.error as { reason?: string }).reason;
        return err(
          `Could not start a Ratchet session with ${settings.provider}${reason ? `: ${reason}` : ''}`,
        );
      }
      current = created.value.id;
      ids.set(workspaceId, created.value.id);
      return ok({ sessionId: created.value.id, turn });
    },

    userBusy(workspaceId) {
      const mine = ids.get(workspaceId);
      const busy = deps
        .list(workspaceId)
        .find((s) => s.id !== mine && (s.status === 'RUNNING' || s.status === 'AWAITING_PERMISSION'));
      if (!busy) return null;
      return busy.status === 'AWAITING_PERMISSION'
        ? `Waits: your session "${busy.title}" is asking for a permission`
        : `Waits: your session "${busy.title}" is running`;
    },

    async stop(workspaceId) {
      const id = ids.get(workspaceId);
      const session = id ? deps.get(id) : null;
      if (session && session.process.state !== 'none') await deps.stop(session.id);
    },
  };
}

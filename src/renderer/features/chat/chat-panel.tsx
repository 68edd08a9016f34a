import type { PermissionDecisionKind, Session } from '@shared/contract/sessions';
import type { TranscriptItem } from '@shared/lib/transcript';
import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { useSessions } from '../../stores/sessions-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { getTranscript, loadOlder, openChat, retryChat, useChats } from './chat-store';
import { Composer } from './composer';
import { answerPermission, choicesOf, PERMISSION_KEYS, PermissionCard } from './permission-card';
import { QueueList } from './queue-list';
import { SandboxBadge, SandboxNotice } from './sandbox-info';
import { SessionActions } from './session-actions';
import { SessionBanner } from './session-banner';
import { SessionPickers } from './session-pickers';
import { TranscriptList } from './transcript-list';
import type { RowContext } from './transcript-row';
import { wakeOnIntent } from './wake-on-intent';
import './chat.css';
import './sandbox.css';

/** One session's conversation: pickers, the live transcript, the queue and the composer. */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  const client = useClient();
  // The session entity lives in the shell's sessions store (snapshot + `session.changed`).
  const session = useSessions((s) => s.byId[sessionId]) ?? null;
  const known = session !== null;
  useEffect(() => {
    if (known) return;
    client.sessions.get({ sessionId }).then(
      (s) => useSessions.getState().upsert(s),
      () => undefined,
    );
  }, [client, sessionId, known]);
  useEffect(() => openChat(client, sessionId), [client, sessionId]);
  // Opening the chat is intent to use it, once per opening: an agent that hibernates again while the chat
  // stays open unused waits for the next focus or keystroke in the composer.
  const wokeOnOpen = useRef<string | null>(null);
  useEffect(() => {
    if (!session || wokeOnOpen.current === sessionId) return;
    wokeOnOpen.current = sessionId;
    wakeOnIntent.wake(client, session);
  }, [client, sessionId, session]);
  const view = useChats((s) => s.chats[sessionId]);
  const transcript = getTranscript(sessionId);
  const items = transcript?.items ?? [];
  const version = view?.rev ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: items is mutated in place; version tracks it
  const lastErrorSeq = useMemo(() => {
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item?.kind === 'error') return item.seq;
    }
    return 0;
  }, [items, version]);
  const failedWith = session?.status === 'ERROR' ? lastErrorSeq : 0;
  // Stable between chunks, so memoized rows re-render only when their own item changes.
  const ctx = useMemo<RowContext>(
    () => ({
      sessionId,
      session,
      pendingRequestIds: new Set(session?.pendingPermissions.map((p) => p.requestId) ?? []),
      failedWithSeq: failedWith,
    }),
    [sessionId, session, failedWith],
  );

  // Alt+Y / Alt+A / Alt+N answer the oldest pending permission request from anywhere in the chat.
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || !session?.pendingPermissions.length) return;
    const requestId = session.pendingPermissions[0]?.requestId;
    const item = items.find((i) => i.kind === 'permission' && i.requestId === requestId);
    const allowed = item?.kind === 'permission' ? choicesOf(item) : session.pendingPermissions[0]?.choices;
    const key = e.code.replace(/^Key/, '').toLowerCase();
    const choice = (Object.keys(PERMISSION_KEYS) as PermissionDecisionKind[]).find(
      (c) => PERMISSION_KEYS[c].key === key && allowed?.includes(c),
    );
    if (!choice || !requestId) return;
    e.preventDefault();
    answerPermission(client, sessionId, requestId, choice).catch((error) =>
      console.warn(describeError(error)),
    );
  };

  return (
    <section
      className="ff-chat"
      aria-label={session ? `Chat: ${session.title}` : 'Chat'}
      onKeyDown={onKeyDown}
    >
      {session && (
        <div className="ff-chat-head">
          <SessionPickers session={session} />
          <SandboxBadge session={session} />
          <SessionActions session={session} />
        </div>
      )}
      {session && <SessionBanner session={session} />}
      {session && <SandboxNotice session={session} />}
      {view?.phase === 'failed' ? (
        <div className="ff-chat-failed" role="alert">
          <p>Could not load this session: {view.error}</p>
          <button type="button" className="btn" onClick={() => retryChat(sessionId)}>
            Retry
          </button>
        </div>
      ) : (
        <TranscriptList
          // Remounted once loaded, so it starts scrolled to the end instead of rendering the top first.
          key={view?.phase === 'ready' ? 'ready' : 'loading'}
          items={items}
          version={version}
          ctx={ctx}
          phase={view?.phase ?? 'loading'}
          hasOlder={view?.hasOlder ?? false}
          loadingOlder={view?.loadingOlder ?? false}
          olderError={view?.olderError ?? null}
          onLoadOlder={() => void loadOlder(sessionId)}
          empty={view?.phase === 'ready' ? 'No messages yet. Say what needs doing.' : 'Loading…'}
        />
      )}
      {session && (
        <UnloadedPermissions sessionId={sessionId} session={session} items={items} version={version} />
      )}
      {session && <QueueList session={session} />}
      {session && <Composer session={session} />}
    </section>
  );
}

/**
 * Pending permission requests whose entry is not in the loaded part of the transcript (older than its tail):
 * still answerable, above the composer.
 */
function UnloadedPermissions(props: {
  sessionId: string;
  session: Session;
  items: readonly TranscriptItem[];
  version: number;
}) {
  const { session, items } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: items is mutated in place; version tracks it
  const unloaded = useMemo(() => {
    const shown = new Set(items.flatMap((i) => (i.kind === 'permission' ? [i.requestId] : [])));
    return session.pendingPermissions.filter((p) => !shown.has(p.requestId));
  }, [session.pendingPermissions, items, props.version]);
  if (!unloaded.length) return null;
  return (
    <div className="ff-unloaded-permissions">
      {unloaded.map((p) => (
        <PermissionCard
          key={p.requestId}
          sessionId={props.sessionId}
          pending
          choices={p.choices}
          item={{
            kind: 'permission',
            id: `pending-${p.requestId}`,
            seq: 0,
            at: p.createdAt,
            requestId: p.requestId,
            toolCallId: p.toolCallId,
            title: p.title,
            toolKind: null,
            options: [],
            decision: null,
          }}
        />
      ))}
    </div>
  );
}

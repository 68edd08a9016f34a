import type { Session, SessionLogEntry } from '@shared/contract/sessions';
import { applyLogEntry, createTranscript, type Transcript } from '@shared/lib/transcript';
import { create } from 'zustand';
import { client } from '../../transport/client';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';

/** What a chat view subscribes to. The transcript itself is a mutable accumulator kept outside React state. */
export interface ChatView {
  /** Bumps whenever the transcript changes; select it to re-render. */
  version: number;
  phase: 'loading' | 'ready' | 'failed';
  error: string | null;
  session: Session | null;
}

export const useChats = create<{ chats: Record<string, ChatView> }>(() => ({ chats: {} }));

/** Entries per `sessions.log` page; a 10,000-entry session opens in two round trips. */
const PAGE = 5000;

interface OpenChat {
  refs: number;
  transcript: Transcript;
  /** Pushed entries that arrived while history was still loading; applied once it has caught up. */
  buffer: SessionLogEntry[] | null;
  loadToken: number;
}

const open = new Map<string, OpenChat>();

export function getTranscript(sessionId: string): Transcript | null {
  return open.get(sessionId)?.transcript ?? null;
}

function patch(sessionId: string, change: Partial<ChatView>): void {
  useChats.setState((s) => {
    const prev = s.chats[sessionId] ?? { version: 0, phase: 'loading', error: null, session: null };
    return { chats: { ...s.chats, [sessionId]: { ...prev, ...change } } };
  });
}

function publish(sessionId: string, chat: OpenChat): void {
  patch(sessionId, { version: chat.transcript.version });
}

/**
 * Starts following a session: loads its stored log page by page (applying pushed entries only after the
 * history has caught up, so nothing is skipped), then applies pushed entries live. Returns the release.
 */
export function openChat(sessionId: string): () => void {
  let chat = open.get(sessionId);
  if (!chat) {
    chat = { refs: 0, transcript: createTranscript(), buffer: null, loadToken: 0 };
    open.set(sessionId, chat);
    void catchUp(sessionId, chat);
  }
  chat.refs++;
  const held = chat;
  return () => {
    held.refs--;
    if (held.refs > 0) return;
    open.delete(sessionId);
    held.loadToken++;
    useChats.setState((s) => {
      const { [sessionId]: _closed, ...rest } = s.chats;
      return { chats: rest };
    });
  };
}

async function catchUp(sessionId: string, chat: OpenChat): Promise<void> {
  const token = ++chat.loadToken;
  chat.buffer ??= [];
  if (!chat.transcript.lastSeq) patch(sessionId, { phase: 'loading', error: null });
  try {
    const sessionPromise = client.sessions.get({ sessionId });
    for (;;) {
      const page = await client.sessions.log({ sessionId, afterSeq: chat.transcript.lastSeq, limit: PAGE });
      if (token !== chat.loadToken) return;
      for (const entry of page.entries) applyLogEntry(chat.transcript, entry);
      if (!page.hasMore || !page.entries.length) break;
    }
    const session = await sessionPromise;
    if (token !== chat.loadToken) return;
    for (const entry of chat.buffer ?? []) applyLogEntry(chat.transcript, entry);
    chat.buffer = null;
    patch(sessionId, { phase: 'ready', error: null, session, version: chat.transcript.version });
  } catch (error) {
    if (token !== chat.loadToken) return;
    chat.buffer = null;
    patch(sessionId, { phase: 'failed', error: describeError(error) });
  }
}

/** Re-reads a session from the start (after a failed load). */
export function retryChat(sessionId: string): void {
  const chat = open.get(sessionId);
  if (chat) void catchUp(sessionId, chat);
}

export function setChatSession(session: Session): void {
  if (open.has(session.id)) patch(session.id, { session });
}

onDomainEvent((event) => {
  if (event.type === 'session.log') {
    const chat = open.get(event.entry.sessionId);
    if (!chat) return;
    if (chat.buffer) chat.buffer.push(event.entry);
    else if (event.entry.seq > chat.transcript.lastSeq) {
      applyLogEntry(chat.transcript, event.entry);
      publish(event.entry.sessionId, chat);
    }
  } else if (event.type === 'session.changed') {
    setChatSession(event.session);
  }
});

// Entries pushed while the connection was down are fetched again from the last seq each chat has.
useConnection.subscribe((state, prev) => {
  if (state.epoch === prev.epoch) return;
  for (const [sessionId, chat] of open) void catchUp(sessionId, chat);
});

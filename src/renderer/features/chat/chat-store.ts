import type { ContractClient } from '@shared/contract';
import type { SessionLogEntry } from '@shared/contract/sessions';
import { create } from 'zustand';
// Relative (not @shared): vitest has no alias for it, and this module's unit test loads it.
import {
  applyLogEntry,
  buildTranscript,
  createTranscript,
  type Transcript,
} from '../../../shared/lib/transcript';
import { useConnection } from '../../transport/connection-store';
import { onDomainEvent } from '../../transport/domain-events';
import { describeError } from '../../ui/describe-error';

/** What a chat view subscribes to. The transcript itself is a mutable accumulator kept outside React state. */
export interface ChatView {
  /** Changes whenever the transcript does; select it to re-render. */
  rev: number;
  phase: 'loading' | 'ready' | 'failed';
  error: string | null;
  /** Earlier entries exist that are not loaded yet (see `loadOlder`). */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export const useChats = create<{ chats: Record<string, ChatView> }>(() => ({ chats: {} }));

/** Entries loaded when a chat opens: the tail of the log, so opening costs the same at any length. */
export const TAIL = 60;
/** Entries fetched per step when scrolling back. */
const OLDER = 1000;
/** Page size when catching up forward. */
const PAGE = 2000;

interface OpenChat {
  client: ContractClient;
  refs: number;
  transcript: Transcript;
  /** The loaded entries, oldest first: kept to rebuild the transcript when older history is prepended. */
  entries: SessionLogEntry[];
  /** Entries with seq <= floor are not loaded; null until the log's length is known. */
  floor: number | null;
  /** Pushed entries that arrived while history was still loading; applied once it has caught up. */
  buffer: SessionLogEntry[] | null;
  loadToken: number;
  loadingOlder: boolean;
}

const open = new Map<string, OpenChat>();
let rev = 0;

export function getTranscript(sessionId: string): Transcript | null {
  return open.get(sessionId)?.transcript ?? null;
}

function patch(sessionId: string, change: Partial<ChatView>): void {
  useChats.setState((s) => {
    const prev = s.chats[sessionId] ?? {
      rev: 0,
      phase: 'loading',
      error: null,
      hasOlder: false,
      loadingOlder: false,
    };
    return { chats: { ...s.chats, [sessionId]: { ...prev, ...change, rev: ++rev } } };
  });
}

/**
 * Starts following a session: loads the last TAIL entries of its log, catches up page by page, then applies
 * pushed entries live. Pushed entries are held back until the history has caught up, so nothing is skipped.
 * Returns the release.
 */
export function openChat(client: ContractClient, sessionId: string): () => void {
  let chat = open.get(sessionId);
  if (!chat) {
    chat = {
      client,
      refs: 0,
      transcript: createTranscript(),
      entries: [],
      floor: null,
      buffer: null,
      loadToken: 0,
      loadingOlder: false,
    };
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

function apply(chat: OpenChat, entry: SessionLogEntry): void {
  if (entry.seq <= chat.transcript.lastSeq || entry.seq <= (chat.floor ?? 0)) return;
  chat.entries.push(entry);
  applyLogEntry(chat.transcript, entry);
}

async function catchUp(sessionId: string, chat: OpenChat): Promise<void> {
  const token = ++chat.loadToken;
  chat.buffer ??= [];
  if (!chat.entries.length) patch(sessionId, { phase: 'loading', error: null });
  try {
    if (chat.floor === null) {
      // The contract pages forward only; one tiny page tells the log's length, so the tail can be asked for.
      const probe = await chat.client.sessions.log({ sessionId, limit: 1 });
      if (token !== chat.loadToken) return;
      chat.floor = Math.max(0, probe.lastSeq - TAIL);
    }
    for (;;) {
      const afterSeq = Math.max(chat.floor, chat.transcript.lastSeq);
      const page = await chat.client.sessions.log({ sessionId, afterSeq, limit: PAGE });
      if (token !== chat.loadToken) return;
      for (const entry of page.entries) apply(chat, entry);
      if (!page.hasMore || !page.entries.length) break;
    }
    for (const entry of chat.buffer ?? []) apply(chat, entry);
    chat.buffer = null;
    patch(sessionId, { phase: 'ready', error: null, hasOlder: (chat.floor ?? 0) > 0 });
  } catch (error) {
    if (token !== chat.loadToken) return;
    chat.buffer = null;
    patch(sessionId, { phase: 'failed', error: describeError(error) });
  }
}

/** Loads up to OLDER earlier entries and rebuilds the transcript with them in front. */
export async function loadOlder(sessionId: string): Promise<void> {
  const chat = open.get(sessionId);
  if (!chat?.floor || chat.loadingOlder || chat.buffer) return;
  chat.loadingOlder = true;
  patch(sessionId, { loadingOlder: true });
  const floor = chat.floor;
  const newFloor = Math.max(0, floor - OLDER);
  try {
    const older: SessionLogEntry[] = [];
    let after = newFloor;
    for (;;) {
      const page = await chat.client.sessions.log({
        sessionId,
        afterSeq: after,
        limit: Math.min(PAGE, floor - after),
      });
      const fresh = page.entries.filter((e) => e.seq <= floor);
      older.push(...fresh);
      const last = fresh[fresh.length - 1];
      if (!last || !page.hasMore || fresh.length < page.entries.length || last.seq >= floor) break;
      after = last.seq;
    }
    if (open.get(sessionId) !== chat || chat.floor !== floor) return;
    chat.entries = [...older, ...chat.entries];
    chat.transcript = buildTranscript(chat.entries);
    chat.floor = newFloor;
    chat.loadingOlder = false;
    patch(sessionId, { hasOlder: newFloor > 0, loadingOlder: false });
  } catch (error) {
    chat.loadingOlder = false;
    patch(sessionId, { loadingOlder: false, error: describeError(error) });
  }
}

/** Reads a session again after a failed load. */
export function retryChat(sessionId: string): void {
  const chat = open.get(sessionId);
  if (chat) void catchUp(sessionId, chat);
}

onDomainEvent((event) => {
  if (event.type !== 'session.log') return;
  const chat = open.get(event.entry.sessionId);
  if (!chat) return;
  if (chat.buffer) chat.buffer.push(event.entry);
  else if (event.entry.seq > chat.transcript.lastSeq) {
    apply(chat, event.entry);
    patch(event.entry.sessionId, {});
  }
});

// Entries pushed while the connection was down are fetched again from the last seq each chat has.
useConnection.subscribe((state, prev) => {
  if (state.epoch === prev.epoch) return;
  for (const [sessionId, chat] of open) void catchUp(sessionId, chat);
});

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
import { followLive } from '../../transport/live-stream';
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
  /** Why the last attempt to load earlier entries failed; loading them again is then the user's call. */
  olderError: string | null;
}

export const useChats = create<{ chats: Record<string, ChatView> }>(() => ({ chats: {} }));

/**
 * Entries loaded when a chat opens: the log's last whole turns holding at least this many (`sessions.logTurns`),
 * so opening costs about the same at any length and never starts inside a message.
 */
export const TAIL = 60;
/** Entries fetched per step when scrolling back (whole turns again). */
export const OLDER = 300;
/** Page size when catching up forward. */
const PAGE = 2000;

interface OpenChat {
  client: ContractClient;
  refs: number;
  transcript: Transcript;
  /** The loaded entries, oldest first: kept to rebuild the transcript when older history is prepended. */
  entries: SessionLogEntry[];
  /** Entries with seq <= floor are not loaded; null until the tail is loaded. */
  floor: number | null;
  /** Entries exist before the loaded ones. */
  hasOlder: boolean;
  /** The live subscription (`events.sessionLog`); replaced on every (re)follow. */
  live: AbortController | null;
  /** History is loading (the first snapshot or a catch-up); older entries wait for it. */
  loading: boolean;
  loadingOlder: boolean;
  /** Refollows when the connection comes back. */
  offConnection: () => void;
}

const open = new Map<string, OpenChat>();
let rev = 0;

// A deleted session's chat stops following its log, whoever still holds it.
onDomainEvent((event) => {
  if (event.type !== 'session.removed') return;
  const chat = open.get(event.sessionId);
  if (chat) close(event.sessionId, chat);
});

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
      olderError: null,
    };
    return { chats: { ...s.chats, [sessionId]: { ...prev, ...change, rev: ++rev } } };
  });
}

/**
 * Starts following a session: subscribes to its log topic, loads the last whole turns (at least TAIL entries),
 * catches up page by page, then applies pushed entries after the last one it has (a resync or a gap catches up again; see
 * `followLive`). Returns the release, which ends the subscription when the last view closes.
 */
export function openChat(client: ContractClient, sessionId: string): () => void {
  let chat = open.get(sessionId);
  if (!chat) {
    const created: OpenChat = {
      client,
      refs: 0,
      transcript: createTranscript(),
      entries: [],
      floor: null,
      hasOlder: false,
      live: null,
      loading: false,
      loadingOlder: false,
      // Entries pushed while the connection was down are fetched again from the last seq the chat has.
      offConnection: useConnection.subscribe((state, prev) => {
        if (state.epoch !== prev.epoch) follow(sessionId, created);
      }),
    };
    chat = created;
    open.set(sessionId, chat);
    follow(sessionId, chat);
  }
  chat.refs++;
  const held = chat;
  return () => {
    held.refs--;
    if (held.refs <= 0) close(sessionId, held);
  };
}

/** Ends the chat's subscription and forgets it (a later `openChat` starts afresh). */
function close(sessionId: string, chat: OpenChat): void {
  if (open.get(sessionId) === chat) open.delete(sessionId);
  chat.offConnection();
  chat.live?.abort();
  useChats.setState((s) => {
    const { [sessionId]: _closed, ...rest } = s.chats;
    return { chats: rest };
  });
}

function follow(sessionId: string, chat: OpenChat): void {
  chat.live?.abort();
  const live = new AbortController();
  chat.live = live;
  followLive<{ type: 'entry'; entry: SessionLogEntry }>(
    {
      subscribe: (signal) => chat.client.events.sessionLog({ sessionId }, { signal }),
      loadSnapshot: () => catchUp(sessionId, chat, live.signal),
      seqOf: (item) => item.entry.seq,
      apply: (item) => {
        apply(chat, item.entry);
        patch(sessionId, {});
      },
    },
    live.signal,
  ).catch((error: unknown) => {
    if (live.signal.aborted) return;
    chat.loading = false;
    patch(sessionId, { phase: 'failed', error: describeError(error) });
  });
}

function apply(chat: OpenChat, entry: SessionLogEntry): void {
  if (entry.seq <= chat.transcript.lastSeq || entry.seq <= (chat.floor ?? 0)) return;
  chat.entries.push(entry);
  applyLogEntry(chat.transcript, entry);
}

/**
 * The snapshot: the tail on first load, then pages forward from what the chat has to the end of the stored log;
 * resolves with its seq.
 */
async function catchUp(sessionId: string, chat: OpenChat, signal: AbortSignal): Promise<number> {
  chat.loading = true;
  if (!chat.entries.length) patch(sessionId, { phase: 'loading', error: null });
  if (chat.floor === null) {
    const tail = await chat.client.sessions.logTurns({ sessionId, minEntries: TAIL });
    signal.throwIfAborted();
    chat.floor = (tail.entries[0]?.seq ?? tail.lastSeq + 1) - 1;
    chat.hasOlder = tail.hasOlder;
    for (const entry of tail.entries) apply(chat, entry);
  }
  for (;;) {
    const afterSeq = Math.max(chat.floor, chat.transcript.lastSeq);
    const page = await chat.client.sessions.log({ sessionId, afterSeq, limit: PAGE });
    signal.throwIfAborted();
    for (const entry of page.entries) apply(chat, entry);
    if (!page.hasMore || !page.entries.length) break;
  }
  chat.loading = false;
  patch(sessionId, { phase: 'ready', error: null, hasOlder: chat.hasOlder });
  return Math.max(chat.floor, chat.transcript.lastSeq);
}

/** Loads the whole turns before the loaded ones (at least OLDER entries) and rebuilds the transcript with them. */
export async function loadOlder(sessionId: string): Promise<void> {
  const chat = open.get(sessionId);
  if (!chat?.hasOlder || chat.floor === null || chat.loadingOlder || chat.loading) return;
  chat.loadingOlder = true;
  patch(sessionId, { loadingOlder: true, olderError: null });
  const floor = chat.floor;
  try {
    const page = await chat.client.sessions.logTurns({ sessionId, beforeSeq: floor + 1, minEntries: OLDER });
    if (open.get(sessionId) !== chat || chat.floor !== floor) return;
    const older = page.entries.filter((e) => e.seq <= floor);
    chat.entries = [...older, ...chat.entries];
    chat.transcript = buildTranscript(chat.entries);
    chat.floor = (older[0]?.seq ?? 1) - 1;
    chat.hasOlder = page.hasOlder && older.length > 0;
    chat.loadingOlder = false;
    patch(sessionId, { hasOlder: chat.hasOlder, loadingOlder: false });
  } catch (error) {
    chat.loadingOlder = false;
    patch(sessionId, { loadingOlder: false, olderError: describeError(error) });
  }
}

/** Reads a session again after a failed load. */
export function retryChat(sessionId: string): void {
  const chat = open.get(sessionId);
  if (chat) follow(sessionId, chat);
}

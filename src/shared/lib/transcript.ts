import type {
  ContentBlock,
  PermissionOption,
  SessionUpdate,
  ToolCallContent,
  ToolCallUpdate,
} from '@agentclientprotocol/sdk';
import {
  type ErrorItem,
  type NoticeItem,
  type PermissionDecision,
  type PermissionItem,
  summarizeBlock,
  type ToolCallItem,
  type ToolContentView,
  type Transcript,
  type TranscriptItem,
  type TranscriptLogEntry,
} from './transcript-items';
import { turnEndOf } from './transcript-turn-end';

export * from './transcript-items';

/**
 * Turns a session's log (see the sessions contract) into what the chat shows. The reducer is the only place
 * that knows the ACP `SessionUpdate` shapes on the renderer side.
 *
 * `applyLogEntry` updates the accumulator in place and returns it, so a 10,000-chunk stream costs O(1) per
 * chunk (string concatenation in V8 is amortized O(1)); an item that changes is replaced by a new object.
 * Entries at or below `lastSeq` are ignored, so replays and overlapping pages are harmless.
 */
export function createTranscript(): Transcript {
  return {
    items: [],
    lastSeq: 0,
    version: 0,
    status: null,
    title: null,
    commands: [],
    currentModeId: null,
    configOptions: [],
    usage: null,
    toolCallIndex: new Map(),
    openToolCalls: new Set(),
    permissionIndex: new Map(),
    turnPlanIndex: -1,
    openStream: null,
  };
}

export function buildTranscript(entries: Iterable<TranscriptLogEntry>): Transcript {
  const t = createTranscript();
  for (const entry of entries) applyLogEntry(t, entry);
  return t;
}

export function applyLogEntry(t: Transcript, entry: TranscriptLogEntry): Transcript {
  if (entry.seq <= t.lastSeq) return t;
  t.lastSeq = entry.seq;
  const changed = applyKind(t, entry);
  if (changed) t.version++;
  return t;
}

function applyKind(t: Transcript, entry: TranscriptLogEntry): boolean {
  const p = entry.payload;
  switch (entry.kind) {
    case 'prompt':
      t.turnPlanIndex = -1;
      append(t, userItem(entry, p));
      return true;
    case 'update':
      return isRecord(p) && typeof p.sessionUpdate === 'string'
        ? applyUpdate(t, entry, p as SessionUpdate)
        : false;
    case 'permission_request':
      return applyPermissionRequest(t, entry, p);
    case 'permission_decision':
      return applyPermissionDecision(t, p);
    case 'error':
      // A session error ends the turn with its agent: nothing still open will run.
      closeOpenToolCalls(t);
      append(t, errorItem(entry, p));
      return true;
    case 'status':
      return applyStatus(t, entry, p);
    case 'usage':
      return applyUsage(t, p);
    case 'system': {
      const text = textOf(p);
      if (!text) return false;
      append(t, notice(entry, 'info', text));
      return true;
    }
    default:
      return false;
  }
}

function applyUpdate(t: Transcript, entry: TranscriptLogEntry, u: SessionUpdate): boolean {
  switch (u.sessionUpdate) {
    case 'agent_message_chunk':
      return appendChunk(t, entry, 'agent', u.content, u.messageId ?? null);
    case 'agent_thought_chunk':
      return appendChunk(t, entry, 'thought', u.content, u.messageId ?? null);
    case 'user_message_chunk':
      return appendChunk(t, entry, 'user', u.content, u.messageId ?? null);
    case 'tool_call':
      upsertToolCall(t, entry, u, true);
      return true;
    case 'tool_call_update':
      upsertToolCall(t, entry, u, false);
      return true;
    case 'plan': {
      const base = { kind: 'plan' as const, entries: u.entries ?? [] };
      const at = t.turnPlanIndex;
      const existing = at >= 0 ? t.items[at] : undefined;
      if (existing) t.items[at] = { ...existing, ...base };
      else t.turnPlanIndex = append(t, { ...base, ...key(entry) });
      return true;
    }
    case 'available_commands_update':
      t.commands = u.availableCommands ?? [];
      return true;
    case 'current_mode_update':
      t.currentModeId = u.currentModeId;
      return true;
    case 'config_option_update':
      t.configOptions = u.configOptions ?? [];
      return true;
    case 'session_info_update':
      if (u.title === undefined) return false;
      t.title = u.title;
      return true;
    case 'usage_update':
      t.usage = { used: u.used, size: u.size, cost: u.cost ?? null };
      return true;
    case 'notice': {
      const severity = u.severity === 'warning' || u.severity === 'error' ? u.severity : 'info';
      append(t, notice(entry, severity, u.description ? `${u.title}: ${u.description}` : u.title));
      return true;
    }
    default:
      return false;
  }
}

function appendChunk(
  t: Transcript,
  entry: TranscriptLogEntry,
  stream: 'agent' | 'thought' | 'user',
  block: ContentBlock | undefined,
  messageId: string | null,
): boolean {
  if (!block) return false;
  const { text, attachments } = summarizeBlock(block);
  const lastIndex = t.items.length - 1;
  const last = t.items[lastIndex];
  if (last && t.openStream === stream) {
    if (last.kind === 'user') {
      t.items[lastIndex] = {
        ...last,
        text: last.text + text,
        attachments: [...last.attachments, ...attachments],
      };
      return true;
    }
    if (
      (last.kind === 'agent_message' || last.kind === 'thought') &&
      sameMessage(last.messageId, messageId)
    ) {
      t.items[lastIndex] = {
        ...last,
        text: last.text + (text || attachments.join(', ')),
        messageId: last.messageId ?? messageId,
      };
      return true;
    }
  }
  let item: TranscriptItem;
  if (stream === 'user') item = { kind: 'user', ...key(entry), text, attachments };
  else if (stream === 'thought') item = { kind: 'thought', ...key(entry), text, messageId };
  else item = { kind: 'agent_message', ...key(entry), text: text || attachments.join(', '), messageId };
  append(t, item);
  t.openStream = stream;
  return true;
}

/** Chunks without a messageId continue the open message; a different messageId starts a new one. */
function sameMessage(prev: string | null, next: string | null): boolean {
  return prev === null || next === null || prev === next;
}

function upsertToolCall(
  t: Transcript,
  entry: TranscriptLogEntry,
  u: ToolCallUpdate,
  isCreate: boolean,
): void {
  const index = t.toolCallIndex.get(u.toolCallId);
  const prev = index === undefined ? undefined : t.items[index];
  const base: ToolCallItem =
    prev?.kind === 'tool_call'
      ? prev
      : {
          kind: 'tool_call',
          ...key(entry),
          toolCallId: u.toolCallId,
          title: 'Tool call',
          toolKind: 'other',
          status: 'pending',
          content: [],
          locations: [],
          rawInput: undefined,
          rawOutput: undefined,
        };
  const next: ToolCallItem = {
    ...base,
    title: u.title ?? base.title,
    toolKind: u.kind ?? base.toolKind,
    status: u.status ?? (isCreate && !prev ? 'pending' : base.status),
    content: u.content ? u.content.map(toolContent) : base.content,
    locations: u.locations ?? base.locations,
    rawInput: u.rawInput !== undefined ? u.rawInput : base.rawInput,
    rawOutput: u.rawOutput !== undefined ? u.rawOutput : base.rawOutput,
  };
  if (index !== undefined && prev) t.items[index] = next;
  else t.toolCallIndex.set(u.toolCallId, append(t, next));
  if (next.status === 'pending' || next.status === 'in_progress') t.openToolCalls.add(u.toolCallId);
  else t.openToolCalls.delete(u.toolCallId);
}

/** Marks the tool calls still pending or running as not run (their turn is over). */
function closeOpenToolCalls(t: Transcript): boolean {
  if (t.openToolCalls.size === 0) return false;
  for (const toolCallId of t.openToolCalls) {
    const index = t.toolCallIndex.get(toolCallId);
    const item = index === undefined ? undefined : t.items[index];
    if (index !== undefined && item?.kind === 'tool_call') t.items[index] = { ...item, status: 'not_run' };
  }
  t.openToolCalls.clear();
  return true;
}

function toolContent(c: ToolCallContent): ToolContentView {
  if (c.type === 'diff')
    return { type: 'diff', path: c.path, oldText: c.oldText ?? null, newText: c.newText };
  if (c.type === 'terminal') return { type: 'terminal', terminalId: c.terminalId };
  const { text, attachments } = summarizeBlock(c.content);
  return text ? { type: 'text', text } : { type: 'other', label: attachments.join(', ') || c.content.type };
}

function applyPermissionRequest(t: Transcript, entry: TranscriptLogEntry, p: unknown): boolean {
  if (!isRecord(p)) return false;
  const toolCall = (isRecord(p.toolCall) ? p.toolCall : {}) as Partial<ToolCallUpdate>;
  const requestId = stringOr(p.requestId, String(entry.seq));
  const known = toolCall.toolCallId ? t.toolCallIndex.get(toolCall.toolCallId) : undefined;
  const knownItem = known === undefined ? undefined : t.items[known];
  const item: PermissionItem = {
    kind: 'permission',
    ...key(entry),
    requestId,
    toolCallId: toolCall.toolCallId ?? null,
    title: toolCall.title ?? (knownItem?.kind === 'tool_call' ? knownItem.title : 'Permission requested'),
    toolKind: toolCall.kind ?? null,
    options: Array.isArray(p.options) ? (p.options as PermissionOption[]) : [],
    decision: null,
  };
  t.permissionIndex.set(requestId, append(t, item));
  return true;
}

function applyPermissionDecision(t: Transcript, p: unknown): boolean {
  if (!isRecord(p)) return false;
  const index = typeof p.requestId === 'string' ? t.permissionIndex.get(p.requestId) : latestUndecided(t);
  const item = index === undefined ? undefined : t.items[index];
  if (index === undefined || item?.kind !== 'permission') return false;
  const outcome = isRecord(p.outcome) ? p.outcome : p;
  const optionId = typeof outcome.optionId === 'string' ? outcome.optionId : null;
  const cancelled = outcome.outcome === 'cancelled' || p.outcome === 'cancelled' || optionId === null;
  const decision: PermissionDecision = {
    outcome: cancelled ? 'cancelled' : 'selected',
    optionId,
    optionKind: item.options.find((o) => o.optionId === optionId)?.kind ?? decisionKind(p.decision),
    by: typeof p.by === 'string' ? p.by : typeof p.decidedBy === 'string' ? p.decidedBy : null,
  };
  t.items[index] = { ...item, decision };
  return true;
}

function decisionKind(decision: unknown): PermissionDecision['optionKind'] {
  if (decision === 'allow_once' || decision === 'allow_always') return decision;
  return decision === 'reject' ? 'reject_once' : null;
}

function latestUndecided(t: Transcript): number | undefined {
  for (let i = t.items.length - 1; i >= 0; i--) {
    const item = t.items[i];
    if (item?.kind === 'permission' && !item.decision) return i;
  }
  return undefined;
}

function applyStatus(t: Transcript, entry: TranscriptLogEntry, p: unknown): boolean {
  const status = typeof p === 'string' ? p : isRecord(p) && typeof p.status === 'string' ? p.status : null;
  let changed = false;
  if (status !== null && status !== t.status) {
    t.status = status;
    changed = true;
  }
  const end = isRecord(p) ? turnEndOf(p, textOf(p)) : null;
  if (!end) return changed;
  changed = closeOpenToolCalls(t) || changed;
  if (end.text) {
    append(t, notice(entry, end.severity, end.text));
    changed = true;
  }
  return changed;
}

function applyUsage(t: Transcript, p: unknown): boolean {
  if (!isRecord(p) || typeof p.used !== 'number' || typeof p.size !== 'number') return false;
  const cost = isRecord(p.cost) ? (p.cost as { amount: number; currency: string }) : null;
  t.usage = { used: p.used, size: p.size, cost };
  return true;
}

function userItem(entry: TranscriptLogEntry, p: unknown): TranscriptItem {
  const blocks = promptBlocks(p);
  let text = '';
  const attachments: string[] = [];
  for (const block of blocks) {
    const s = summarizeBlock(block);
    text += s.text;
    attachments.push(...s.attachments);
  }
  if (!blocks.length) text = textOf(p);
  return { kind: 'user', ...key(entry), text, attachments };
}

function promptBlocks(p: unknown): ContentBlock[] {
  if (Array.isArray(p)) return p as ContentBlock[];
  if (isRecord(p) && Array.isArray(p.prompt)) return p.prompt as ContentBlock[];
  if (isRecord(p) && Array.isArray(p.content)) return p.content as ContentBlock[];
  return [];
}

function errorItem(entry: TranscriptLogEntry, p: unknown): ErrorItem {
  const rec = isRecord(p) ? p : {};
  const code = typeof rec.code === 'number' || typeof rec.code === 'string' ? rec.code : null;
  const errorKind = typeof rec.kind === 'string' ? rec.kind : null;
  const authRequired = code === -32000 || errorKind === 'NOT_SIGNED_IN';
  const message = textOf(p) || 'The agent reported an error.';
  return { kind: 'error', ...key(entry), message, code, errorKind, authRequired };
}

function notice(entry: TranscriptLogEntry, severity: NoticeItem['severity'], text: string): NoticeItem {
  return { kind: 'notice', ...key(entry), severity, text };
}

function key(entry: TranscriptLogEntry): { id: string; seq: number; at: number } {
  return { id: String(entry.seq), seq: entry.seq, at: entry.at };
}

/** Appends an item, ends chunk coalescing, and returns the item's index. */
function append(t: Transcript, item: TranscriptItem): number {
  t.items.push(item);
  t.openStream = null;
  return t.items.length - 1;
}

function textOf(p: unknown): string {
  if (typeof p === 'string') return p;
  if (!isRecord(p)) return '';
  for (const k of ['text', 'message', 'description'] as const) {
    if (typeof p[k] === 'string') return p[k] as string;
  }
  return '';
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

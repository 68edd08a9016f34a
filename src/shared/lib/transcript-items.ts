import type {
  AvailableCommand,
  ContentBlock,
  PermissionOption,
  PermissionOptionKind,
  PlanEntry,
  SessionConfigOption,
  ToolCallLocation,
  ToolCallStatus,
  ToolKind,
} from '@agentclientprotocol/sdk';

/**
 * The shapes the transcript reducer (transcript.ts) produces. Items are immutable values: when one changes
 * the reducer replaces it with a new object, so a UI row can memoize on identity.
 */

/** A session log entry as it crosses the wire (structurally the sessions contract's `SessionLogEntry`). */
export interface TranscriptLogEntry {
  sessionId: string;
  seq: number;
  kind: string;
  payload: unknown;
  at: number;
}

interface ItemBase {
  /** Stable key for list virtualization: the seq of the entry that created the item. */
  id: string;
  seq: number;
  at: number;
}

export interface UserItem extends ItemBase {
  kind: 'user';
  text: string;
  /** Non-text blocks of the prompt (file mentions, images), summarized. */
  attachments: string[];
}

export interface AgentMessageItem extends ItemBase {
  kind: 'agent_message';
  text: string;
  messageId: string | null;
}

export interface ThoughtItem extends ItemBase {
  kind: 'thought';
  text: string;
  messageId: string | null;
}

export type ToolContentView =
  | { type: 'text'; text: string }
  | { type: 'diff'; path: string; oldText: string | null; newText: string }
  | { type: 'terminal'; terminalId: string }
  | { type: 'other'; label: string };

/** ACP's tool call statuses, plus `not_run`: still pending or running when its turn ended. */
export type ToolCallItemStatus = ToolCallStatus | 'not_run';

export interface ToolCallItem extends ItemBase {
  kind: 'tool_call';
  toolCallId: string;
  title: string;
  toolKind: ToolKind;
  status: ToolCallItemStatus;
  content: ToolContentView[];
  locations: ToolCallLocation[];
  rawInput: unknown;
  rawOutput: unknown;
}

export interface PlanItem extends ItemBase {
  kind: 'plan';
  entries: PlanEntry[];
}

export interface PermissionDecision {
  outcome: 'selected' | 'cancelled';
  optionId: string | null;
  optionKind: PermissionOptionKind | null;
  /** Who decided: the user in the UI, or the session's permission preset. */
  by: string | null;
}

export interface PermissionItem extends ItemBase {
  kind: 'permission';
  requestId: string;
  toolCallId: string | null;
  title: string;
  toolKind: ToolKind | null;
  options: PermissionOption[];
  decision: PermissionDecision | null;
}

export interface ErrorItem extends ItemBase {
  kind: 'error';
  message: string;
  code: number | string | null;
  /** The sessions contract's SessionErrorKind (EXITED, CRASHED, HUNG, NOT_SIGNED_IN, …) when given. */
  errorKind: string | null;
  /** The agent is not signed in (ACP error -32000): show a sign-in hint instead of a bare failure. */
  authRequired: boolean;
}

export interface NoticeItem extends ItemBase {
  kind: 'notice';
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export type TranscriptItem =
  | UserItem
  | AgentMessageItem
  | ThoughtItem
  | ToolCallItem
  | PlanItem
  | PermissionItem
  | ErrorItem
  | NoticeItem;

export interface TranscriptUsage {
  used: number;
  size: number;
  cost: { amount: number; currency: string } | null;
}

/**
 * The reducer's accumulator. `items` only grows at the end (a changed item is replaced in place by a new
 * object); `version` increments on every change so a store can publish it cheaply.
 */
export interface Transcript {
  items: TranscriptItem[];
  lastSeq: number;
  version: number;
  status: string | null;
  title: string | null;
  commands: AvailableCommand[];
  currentModeId: string | null;
  configOptions: SessionConfigOption[];
  usage: TranscriptUsage | null;
  /** Index of each tool call's item, by toolCallId. */
  toolCallIndex: Map<string, number>;
  /** Tool calls of the current turn still pending or in progress; the turn's end marks them `not_run`. */
  openToolCalls: Set<string>;
  /** Index of each permission request's item, by requestId. */
  permissionIndex: Map<string, number>;
  /** Index of the plan item of the current turn, or -1 when the turn has none yet. */
  turnPlanIndex: number;
  /** The chunk stream the last item came from; chunks coalesce only into an item of their own stream. */
  openStream: 'agent' | 'thought' | 'user' | null;
}

export type ContentSummary = { text: string; attachments: string[] };

/** Text of a content block, and a short label for the blocks that are not text. */
export function summarizeBlock(block: ContentBlock): ContentSummary {
  switch (block.type) {
    case 'text':
      return { text: block.text, attachments: [] };
    case 'resource_link':
      return { text: '', attachments: [block.title ?? block.name ?? block.uri] };
    case 'resource':
      return { text: '', attachments: [block.resource.uri] };
    case 'image':
      return { text: '', attachments: [`image (${block.mimeType})`] };
    case 'audio':
      return { text: '', attachments: [`audio (${block.mimeType})`] };
    default:
      return { text: '', attachments: [] };
  }
}

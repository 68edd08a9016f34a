import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';
import { SandboxSummary } from './sandbox';

/** Lifecycle of a session (see DESIGN.md "Session"). */
export const SessionStatus = z.enum([
  'STARTING',
  'IDLE',
  'RUNNING',
  'AWAITING_PERMISSION',
  'ERROR',
  'STOPPED',
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * How `session/request_permission` is answered without asking: STRICT asks for every edit and command,
 * RELAXED allows edits inside the worktree and asks for commands, YOLO allows everything.
 */
export const PermissionPreset = z.enum(['STRICT', 'RELAXED', 'YOLO']);
export type PermissionPreset = z.infer<typeof PermissionPreset>;

/** Why a session is in ERROR; the UI picks its wording and action (restart, sign in) from this. */
export const SessionErrorKind = z.enum([
  /** The agent process exited on its own. */
  'EXITED',
  /** The agent process was killed by a signal or could not be started. */
  'CRASHED',
  /** No reply within `agentReplyTimeoutMs`. */
  'HUNG',
  /** The agent wrote something that is not ACP to stdout, or broke the protocol. */
  'PROTOCOL',
  /** ACP error -32000: the provider needs a sign-in (see `loginHint`). */
  'NOT_SIGNED_IN',
  /** The per-session wall time or token budget ran out. */
  'BUDGET',
  /** The agent answered a request with an error. */
  'AGENT_ERROR',
]);
export type SessionErrorKind = z.infer<typeof SessionErrorKind>;

/**
 * Where the agent process is: `none` (never started or stopped), `waiting` (queued for a running-agent or a
 * starting slot, see `queuePosition`), `starting`, `live`, `hibernated` (stopped after idling; resumed when the
 * user shows intent to use it, see `sessions.wake`, or on the next prompt). A hibernated session stays IDLE
 * while its agent waits for a slot and starts again.
 */
export const AgentProcessState = z.enum(['none', 'waiting', 'starting', 'live', 'hibernated']);
export type AgentProcessState = z.infer<typeof AgentProcessState>;

export const SessionMode = z.object({ id: z.string(), name: z.string(), description: z.string().nullable() });
export type SessionMode = z.infer<typeof SessionMode>;

/** A config option the agent offers (model, reasoning effort, …); select groups are flattened. */
export const SessionConfigOption = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  type: z.enum(['select', 'boolean']),
  currentValue: z.union([z.string(), z.boolean()]),
  options: z.array(z.object({ value: z.string(), name: z.string(), description: z.string().nullable() })),
});
export type SessionConfigOption = z.infer<typeof SessionConfigOption>;

/** A slash command the agent advertises. */
export const SessionCommand = z.object({
  name: z.string(),
  description: z.string(),
  inputHint: z.string().nullable(),
});
export type SessionCommand = z.infer<typeof SessionCommand>;

/** A prompt waiting for the current turn to end; sent in order, editable until then. */
export const QueuedPrompt = z.object({
  id: Id,
  text: z.string(),
  mentions: z.array(z.string()),
  createdAt: Timestamp,
});
export type QueuedPrompt = z.infer<typeof QueuedPrompt>;

export const PermissionDecisionKind = z.enum(['allow_once', 'allow_always', 'reject']);
export type PermissionDecisionKind = z.infer<typeof PermissionDecisionKind>;

/** A permission request put to the user (the preset did not decide it). */
export const PendingPermission = z.object({
  requestId: Id,
  title: z.string(),
  /** ACP tool kind: read, edit, delete, move, search, execute, think, fetch, switch_mode, other. */
  toolKind: z.string().nullable(),
  toolCallId: z.string().nullable(),
  locations: z.array(z.string()),
  /** The decisions the agent's options allow (by option kind). */
  choices: z.array(PermissionDecisionKind),
  createdAt: Timestamp,
});
export type PendingPermission = z.infer<typeof PendingPermission>;

export const SessionUsage = z.object({
  /** Tokens in context (from the agent's usage_update). */
  used: z.number(),
  size: z.number(),
  cost: z.object({ amount: z.number(), currency: z.string() }).nullable(),
});

export const Session = z.object({
  id: Id,
  workspaceId: Id,
  title: z.string(),
  /** `claude`, `codex`, or the name of a custom provider in settings.providers. */
  provider: z.string(),
  agentSessionId: z.string().nullable(),
  status: SessionStatus,
  statusReason: z.string().nullable(),
  errorKind: SessionErrorKind.nullable(),
  /** What to do to sign in, when errorKind is NOT_SIGNED_IN. */
  loginHint: z.string().nullable(),
  permissionPreset: PermissionPreset,
  modes: z.object({ currentModeId: z.string().nullable(), available: z.array(SessionMode) }),
  configOptions: z.array(SessionConfigOption),
  commands: z.array(SessionCommand),
  /** Can this session's conversation be brought back in a new agent process (session/resume or session/load)? */
  canResume: z.boolean(),
  /**
   * True when the agent process is gone and cannot resume the conversation: the transcript is read-only and
   * the UI offers `sessions.continueInNew`.
   */
  readOnly: z.boolean(),
  process: z.object({
    state: AgentProcessState,
    pid: z.number().int().nullable(),
    /** 1-based place in the running-agent queue while `state` is `waiting`. */
    queuePosition: z.number().int().nullable(),
  }),
  queue: z.array(QueuedPrompt),
  /**
   * True after a `cancel` while prompts were queued: they are not sent until `sessions.resumeQueue` (and can
   * be edited or removed meanwhile). A prompt sent while the queue is held goes ahead of them.
   */
  queueHeld: z.boolean(),
  pendingPermissions: z.array(PendingPermission),
  usage: SessionUsage.nullable(),
  /** Wall time spent running turns, for the per-session budget. */
  runningMs: z.number(),
  lastActivityAt: Timestamp.nullable(),
  /** The confinement of the agent's current (or last) process; null before its first start. */
  sandbox: SandboxSummary.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/**
 * Why a turn ended, recorded in its `status` entry so the transcript can word the end by its cause:
 * `completed` (end_turn), `stopped_by_user` (Stop), `permission_declined` (the agent ended the turn after the
 * user declined a permission, as codex does), `cancelled` (the agent cancelled on its own), `agent_error`
 * (the prompt failed; the session stays usable), `agent_stopped` (the agent was stopped mid-turn),
 * `refusal`, `max_tokens`, `max_turn_requests`, `other` (a stop reason this version does not know).
 */
export const TurnEndCause = z.enum([
  'completed',
  'stopped_by_user',
  'permission_declined',
  'cancelled',
  'agent_error',
  'agent_stopped',
  'refusal',
  'max_tokens',
  'max_turn_requests',
  'other',
]);
export type TurnEndCause = z.infer<typeof TurnEndCause>;

export const SessionLogKind = z.enum([
  'prompt',
  'update',
  'permission_request',
  'permission_decision',
  'error',
  'status',
  'usage',
  'system',
]);
export type SessionLogKind = z.infer<typeof SessionLogKind>;

/**
 * One entry of a session's append-only log. Payload by kind:
 * - `prompt`: `{ prompt: ContentBlock[] }` (text block, then one resource_link per file mention)
 * - `update`: the ACP `SessionUpdate` as the SDK delivered it; consecutive text chunks of one message are
 *   coalesced into one entry before it is stored and pushed
 * - `permission_request`: `{ requestId, toolCall, options }` (ACP shapes)
 * - `permission_decision`: `{ requestId, outcome: { outcome: 'selected', optionId } | { outcome: 'cancelled' },
 *   decision: allow_once|allow_always|reject|cancelled, by: 'preset'|'rule'|'user'|'system' }`
 * - `error`: `{ code, message, kind }` (kind is a SessionErrorKind)
 * - `status`: `{ status, stopReason?, cause?, declined?, message? }`: a turn end carries the ACP stop reason
 *   (null when the turn had none: failed or stopped), its TurnEndCause, the title of the tool whose permission
 *   the user declined (`permission_declined`) and the agent's error (`agent_error`)
 * - `usage`: `{ used, size, cost }`
 * - `system`: `{ text }` (restarts, resumes, dropped invalid updates, …)
 *
 * Entries are pushed (`session.log`) only after they are stored, so a pushed entry survives any restart.
 */
export const SessionLogEntry = z.object({
  sessionId: Id,
  seq: z.number().int().positive(),
  kind: SessionLogKind,
  payload: z.unknown(),
  at: Timestamp,
});
export type SessionLogEntry = z.infer<typeof SessionLogEntry>;

/** A provider the user can start a session with. */
export const AgentProvider = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['claude', 'codex', 'custom']),
  available: z.boolean(),
  /** Why it cannot start (package missing, no command configured). */
  problem: z.string().nullable(),
  command: z.string().nullable(),
  loginHint: z.string().nullable(),
});
export type AgentProvider = z.infer<typeof AgentProvider>;

export const sessionErrors = {
  AGENT_UNAVAILABLE: {
    status: 503,
    message: 'This agent cannot be started',
    data: z.object({ provider: z.string(), reason: z.string() }),
  },
  AGENT_NOT_SIGNED_IN: {
    status: 401,
    message: 'The agent is not signed in',
    data: z.object({ provider: z.string(), loginHint: z.string() }),
  },
  SESSION_NOT_ACTIVE: {
    status: 409,
    message: 'The session is not active; restart it first',
    data: z.object({ status: SessionStatus, reason: z.string().nullable(), readOnly: z.boolean() }),
  },
} as const;

const SessionRef = z.object({ sessionId: Id });
/** A file mention: a path relative to the worktree (or absolute inside it), sent as an ACP resource link. */
const Mention = z.string().min(1).max(4096);
const PromptText = z.string().trim().min(1, 'Prompt is empty').max(200_000);

export const sessions = {
  /** Providers and whether each can start here (packages installed, command configured). */
  providers: base.input(z.void()).output(z.array(AgentProvider)),
  /** Sessions of one workspace (oldest first), or of every workspace. */
  list: base.input(z.object({ workspaceId: Id.optional() })).output(z.array(Session)),
  get: base.input(SessionRef).output(Session),
  /**
   * Starts a session in a workspace's worktree: returns at once in STARTING (or with `process.state`
   * `waiting` when the running-agent cap is reached); progress arrives as `session.changed`. Start failures
   * (sign-in, crash) put the session in ERROR. Fails with AGENT_UNAVAILABLE for an unknown or unconfigured
   * provider, NOT_FOUND for an unknown workspace.
   */
  create: base
    .errors(sessionErrors)
    .input(
      z.object({
        workspaceId: Id,
        provider: z.string().min(1).max(100),
        title: z.string().trim().min(1).max(200).optional(),
        permissionPreset: PermissionPreset.optional(),
        /** Optional first prompt, queued until the agent is ready. */
        prompt: PromptText.optional(),
      }),
    )
    .output(Session),
  /**
   * Sends a prompt, or queues it when a turn is running or the agent is not ready yet (starting, waiting
   * for a slot, hibernated: a hibernated agent is resumed). While the queue is held (see `queueHeld`) the
   * prompt goes ahead of the held ones. SESSION_NOT_ACTIVE when ERROR/STOPPED/read-only.
   */
  prompt: base
    .errors(sessionErrors)
    .input(z.object({ sessionId: Id, text: PromptText, mentions: z.array(Mention).max(100).optional() }))
    .output(z.object({ queued: z.boolean(), queuedId: Id.nullable() })),
  /**
   * The user shows intent to use the session (opened its chat, focused or typed in its composer): a hibernated
   * agent starts coming back now, so the prompt that follows finds it live (one sent meanwhile is queued and
   * goes when it is). It queues for admission after prompts and before restarts, and only takes a free
   * slot: it never hibernates another agent to make room (a prompt sent while it waits may). Unused, the
   * agent hibernates again after the idle time. Idempotent: `waking` is false when there was nothing to wake
   * (live, starting or waiting already, or never started). SESSION_NOT_ACTIVE when ERROR/STOPPED/read-only;
   * NOT_FOUND when deleted.
   */
  wake: base
    .errors(sessionErrors)
    .input(SessionRef)
    .output(z.object({ waking: z.boolean() })),
  /**
   * Cancels the running turn (ACP session/cancel); pending permission requests are answered `cancelled`.
   * Prompts still queued are held, not sent, until `resumeQueue`.
   */
  cancel: base.input(SessionRef).output(Session),
  /** Releases a queue held by `cancel`: its prompts are sent in order, the first once the agent is free. */
  resumeQueue: base.input(SessionRef).output(Session),
  /** Kills the agent's whole process group; the session becomes STOPPED (restartable). */
  stop: base.input(SessionRef).output(Session),
  /**
   * Deletes a session: stops its agent first when one runs (the whole process group), then removes the
   * session and its log from the store and publishes `session.removed`. NOT_FOUND for an unknown session.
   */
  delete: base.input(SessionRef).output(z.object({ sessionId: Id })),
  /** Starts a fresh agent process for a session in ERROR or STOPPED, resuming the conversation when it can. */
  restart: base.errors(sessionErrors).input(SessionRef).output(Session),
  setMode: base.input(z.object({ sessionId: Id, modeId: z.string().min(1) })).output(Session),
  setConfigOption: base
    .input(
      z.object({ sessionId: Id, configId: z.string().min(1), value: z.union([z.string(), z.boolean()]) }),
    )
    .output(Session),
  /** Changes the permission preset (and the agent's matching mode where it offers one). */
  setPreset: base.input(z.object({ sessionId: Id, preset: PermissionPreset })).output(Session),
  /**
   * Answers a permission request the preset put to the user. `allow_always` also allows later requests of
   * the same tool kind in this session. NOT_FOUND when the request is no longer pending.
   */
  answerPermission: base
    .input(z.object({ sessionId: Id, requestId: Id, decision: PermissionDecisionKind }))
    .output(Session),
  /** Pages the stored log: entries with seq > afterSeq, oldest first, up to `limit` (default 500). */
  log: base
    .input(
      z.object({
        sessionId: Id,
        afterSeq: z.number().int().nonnegative().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      }),
    )
    .output(z.object({ entries: z.array(SessionLogEntry), lastSeq: z.number().int(), hasMore: z.boolean() })),
  /**
   * Pages the stored log backwards by whole turns: the entries before `beforeSeq` (all of them when absent),
   * at least `minEntries` of them (default 100) when the log has that many, extended back to the `prompt`
   * entry that starts the turn the page would begin in (to the log's start for the first turn). A page
   * therefore never begins inside a message, a tool call or a permission question, and may hold more than
   * `minEntries`. `hasOlder` says whether entries exist before the page's first one; `lastSeq` is the log's last.
   */
  logTurns: base
    .input(
      z.object({
        sessionId: Id,
        beforeSeq: z.number().int().positive().optional(),
        minEntries: z.number().int().min(1).max(5000).optional(),
      }),
    )
    .output(
      z.object({ entries: z.array(SessionLogEntry), lastSeq: z.number().int(), hasOlder: z.boolean() }),
    ),
  /** The prompts waiting to be sent, in order. */
  listQueue: base.input(SessionRef).output(z.array(QueuedPrompt)),
  /** Edits a queued prompt. NOT_FOUND once it has been sent. */
  updateQueued: base
    .input(
      z.object({
        sessionId: Id,
        queuedId: Id,
        text: PromptText,
        mentions: z.array(Mention).max(100).optional(),
      }),
    )
    .output(Session),
  /** Removes a queued prompt. NOT_FOUND once it has been sent. */
  removeQueued: base.input(z.object({ sessionId: Id, queuedId: Id })).output(Session),
  /**
   * For a read-only session (its agent cannot resume): creates a new session in the same workspace whose
   * first prompt carries a summary of this transcript (fenced as data). With `text`, sends it right away.
   */
  continueInNew: base
    .errors(sessionErrors)
    .input(z.object({ sessionId: Id, text: PromptText.optional() }))
    .output(Session),
};

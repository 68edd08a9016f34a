import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { base } from './base';
import { Id, Timestamp } from './common';

/** `shell`: the user's login shell; `run`: the workspace's `run` script (dev server). */
export const TerminalKind = z.enum(['shell', 'run']);
export type TerminalKind = z.infer<typeof TerminalKind>;

export const TerminalStatus = z.enum(['RUNNING', 'EXITED']);
export type TerminalStatus = z.infer<typeof TerminalStatus>;

export const TerminalCols = z.number().int().min(1).max(1000);
export const TerminalRows = z.number().int().min(1).max(500);

/** A PTY in a workspace's worktree. Closed terminals are gone (`terminal.removed`). */
export const Terminal = z.object({
  id: Id,
  workspaceId: Id,
  title: z.string(),
  kind: TerminalKind,
  status: TerminalStatus,
  /** Set once EXITED; null when the process was killed by a signal or died with a previous core. */
  exitCode: z.number().int().nullable(),
  /** The shell's pid while RUNNING. */
  pid: z.number().int().nullable(),
  cols: TerminalCols,
  rows: TerminalRows,
  createdAt: Timestamp,
});
export type Terminal = z.infer<typeof Terminal>;

/**
 * What `terminals.attach` yields. Output crosses the wire as the PTY's UTF-8 bytes, base64-encoded: write the
 * decoded `Uint8Array` straight to xterm.js (`term.write(bytes)`, which also joins characters split across
 * frames). That is cheaper end to end than JSON strings full of escapes (see bench/pty). Byte offsets count
 * output bytes since the terminal started, so a client can tell frames are contiguous (`output.offset`
 * equals the previous frame's `offset + bytes`).
 */
export const TerminalFrame = z.discriminatedUnion('type', [
  z.object({
    /** Always first. Reset the view, then write the decoded bytes to repaint. */
    type: z.literal('snapshot'),
    /** Names this attachment in `terminals.ack`. */
    attachmentId: Id,
    /** Base64 of the replayed bytes. */
    base64: z.string(),
    /** Byte offset at which live output continues (the total bytes produced so far). */
    offset: z.number().int().nonnegative(),
    /** True when earlier output no longer fits the replay buffer and is not part of the snapshot. */
    truncated: z.boolean(),
    cols: TerminalCols,
    rows: TerminalRows,
    status: TerminalStatus,
    exitCode: z.number().int().nullable(),
  }),
  z.object({
    /** Live output, coalesced (about 16 ms or 64 KiB per frame). Acknowledge `bytes` once written. */
    type: z.literal('output'),
    /** Base64 of the output bytes. */
    base64: z.string(),
    /** Byte offset of the first byte of this frame. */
    offset: z.number().int().nonnegative(),
    /** Number of bytes in this frame: the amount to pass to `terminals.ack` once written. */
    bytes: z.number().int().positive(),
  }),
  z.object({
    /** The process exited; this is the last frame. */
    type: z.literal('exit'),
    exitCode: z.number().int().nullable(),
    /** Byte offset at the end of all output. */
    offset: z.number().int().nonnegative(),
  }),
]);
export type TerminalFrame = z.infer<typeof TerminalFrame>;

/** Why a terminal could not be started. */
export const TerminalProblem = z.enum([
  /** The workspace is archiving or archived, or not provisioned yet. */
  'WORKSPACE_NOT_ACTIVE',
  /** The worktree folder is missing on disk. */
  'WORKTREE_MISSING',
  /** The project has no `run` script. */
  'NO_RUN_SCRIPT',
  /** The shell (or script) could not be spawned. */
  'SPAWN_FAILED',
  /** Too many live terminals in this workspace. */
  'TOO_MANY_TERMINALS',
]);
export type TerminalProblem = z.infer<typeof TerminalProblem>;

export const terminalErrors = {
  TERMINAL_REJECTED: {
    status: 422,
    message: 'The terminal could not be started',
    data: z.object({ problem: TerminalProblem, detail: z.string() }),
  },
  TERMINAL_EXITED: {
    status: 409,
    message: 'The terminal has exited',
    data: z.object({ id: Id, exitCode: z.number().int().nullable() }),
  },
} as const;

const ById = z.object({ id: Id });
const TerminalTitle = z.string().trim().min(1, 'Title is required').max(100);
const Size = { cols: TerminalCols.optional(), rows: TerminalRows.optional() };

export const terminals = {
  /** Terminals of a workspace (running and exited, not closed), oldest first. NOT_FOUND for an unknown workspace. */
  list: base.input(z.object({ workspaceId: Id })).output(z.array(Terminal)),
  /**
   * Starts the user's login shell in the workspace's worktree with the workspace environment (FF_PORT, …).
   * Default size 80×24. TERMINAL_REJECTED when the workspace is not active, its worktree is missing, or the
   * shell cannot be spawned.
   */
  create: base
    .errors(terminalErrors)
    .input(z.object({ workspaceId: Id, title: TerminalTitle.optional(), ...Size }))
    .output(Terminal),
  /**
   * Runs the workspace's `run` script in a terminal of kind `run`. When one is already RUNNING in the
   * workspace, returns it instead of starting a second. TERMINAL_REJECTED (NO_RUN_SCRIPT) without a script.
   */
  startRun: base
    .errors(terminalErrors)
    .input(z.object({ workspaceId: Id, ...Size }))
    .output(Terminal),
  rename: base.input(z.object({ id: Id, title: TerminalTitle })).output(Terminal),
  /** Kills the terminal's whole process tree (when running) and forgets it; emits `terminal.removed`. */
  close: base.input(ById).output(z.object({ id: Id })),
  /** Keystrokes / pasted text, passed through as-is (Ctrl-C is "\u0003"). TERMINAL_EXITED after exit. */
  input: base
    .errors(terminalErrors)
    .input(z.object({ id: Id, data: z.string().min(1).max(65_536) }))
    .output(z.void()),
  /** Resizes the PTY (cols 1..1000, rows 1..500). TERMINAL_EXITED after exit. */
  resize: base
    .errors(terminalErrors)
    .input(z.object({ id: Id, cols: TerminalCols, rows: TerminalRows }))
    .output(Terminal),
  /**
   * Streams the terminal: first a `snapshot` (replay of recent output, capped), then `output` frames, then
   * `exit`. Flow control: acknowledge written bytes with `terminals.ack`; while this attachment has more than
   * a high watermark unacknowledged the PTY is paused (its program blocks), so nothing is dropped. Ending the
   * stream detaches (the attachment stops counting).
   */
  attach: base.input(ById).output(eventIterator(TerminalFrame)),
  /** Acknowledges `bytes` of output frames (their `bytes` field) as written by the attachment. */
  ack: base
    .input(
      z.object({
        id: Id,
        attachmentId: Id,
        bytes: z
          .number()
          .int()
          .positive()
          .max(1 << 30),
      }),
    )
    .output(z.void()),
};

import { afterAll, beforeAll, expect } from 'vitest';
import type { TerminalFrame } from '../../src/shared/contract/terminals';
import { makeTempDir, type TestCore } from '../helpers/core-harness';
import { seedWorkspace } from '../helpers/seed-workspace';

/**
 * Terminals start the user's login shell, which reads the machine's profile (pyenv, nvm… can take seconds).
 * Tests point HOME at an empty folder while the core runs so they time only what they test.
 */
export function useQuietShellHome(): void {
  const saved = process.env.HOME;
  beforeAll(() => {
    process.env.HOME = makeTempDir('ff-term-home-');
  });
  afterAll(() => {
    process.env.HOME = saved;
  });
}

export interface ReadyWorkspace {
  id: string;
  worktreePath: string;
  runPort: number;
}

/** A READY workspace provisioned by the real workspaces service (real worktree, port and env envelope). */
export async function readyWorkspace(
  t: TestCore,
  options: { runScript?: string } = {},
): Promise<ReadyWorkspace> {
  const { workspace } = await seedWorkspace(
    t,
    options.runScript ? { scripts: { run: options.runScript } } : {},
  );
  if (workspace.runPort == null) throw new Error('the seeded workspace has no run port');
  return { id: workspace.id, worktreePath: workspace.worktreePath, runPort: workspace.runPort };
}

type SnapshotFrame = Extract<TerminalFrame, { type: 'snapshot' }>;

/**
 * A client view of a terminal: collects output, checks frames are contiguous by byte offset, and
 * acknowledges what it read (unless `ack: false`, for slow-client tests that ack by hand).
 */
export interface TerminalView {
  snapshot: SnapshotFrame;
  /** The snapshot's bytes as text. */
  snapshotText: string;
  /** Snapshot data plus every output frame since. */
  readonly text: string;
  /** Output received since the snapshot. */
  readonly live: string;
  readonly unacked: number;
  exit: Extract<TerminalFrame, { type: 'exit' }> | null;
  /** Reads frames until `predicate(text)` holds (or the stream ends: then it throws). */
  readUntil(predicate: (text: string) => boolean, what?: string): Promise<void>;
  /** Reads one more frame; false when the stream ended. */
  readFrame(): Promise<boolean>;
  ackAll(): Promise<void>;
  detach(): Promise<void>;
}

export async function attachView(
  t: TestCore,
  id: string,
  options: { ack?: boolean } = {},
): Promise<TerminalView> {
  const autoAck = options.ack ?? true;
  const iterator = await t.client.terminals.attach({ id });
  const first = await iterator.next();
  if (first.done || first.value.type !== 'snapshot') throw new Error('attach did not start with a snapshot');
  const snapshot = first.value;
  // One streaming decoder for the snapshot and every frame after it: output is bytes, and a UTF-8 character
  // may be split between any two of them.
  const decoder = new TextDecoder();
  const snapshotText = decoder.decode(Buffer.from(snapshot.base64, 'base64'), { stream: true });
  let live = '';
  let offset = snapshot.offset;
  let unacked = 0;
  const view: TerminalView = {
    snapshot,
    snapshotText,
    get text() {
      return snapshotText + live;
    },
    get live() {
      return live;
    },
    get unacked() {
      return unacked;
    },
    exit: null,
    async readFrame() {
      const next = await iterator.next();
      if (next.done) return false;
      const frame = next.value;
      if (frame.type === 'output') {
        expect(frame.offset, 'frames are contiguous').toBe(offset);
        const bytes = Buffer.from(frame.base64, 'base64');
        expect(bytes.length).toBe(frame.bytes);
        offset += frame.bytes;
        live += decoder.decode(bytes, { stream: true });
        if (autoAck) {
          void t.client.terminals
            .ack({ id, attachmentId: snapshot.attachmentId, bytes: frame.bytes })
            .catch(() => {});
        } else {
          unacked += frame.bytes;
        }
      } else if (frame.type === 'exit') {
        expect(frame.offset).toBe(offset);
        view.exit = frame;
      }
      return true;
    },
    async readUntil(predicate, what = 'the expected output') {
      while (!predicate(view.text)) {
        if (!(await view.readFrame())) {
          throw new Error(
            `stream ended before ${what}; last output: ${JSON.stringify(view.text.slice(-300))}`,
          );
        }
      }
    },
    async ackAll() {
      if (unacked === 0) return;
      const bytes = unacked;
      unacked = 0;
      await t.client.terminals.ack({ id, attachmentId: snapshot.attachmentId, bytes });
    },
    async detach() {
      await iterator.return?.();
    },
  };
  return view;
}

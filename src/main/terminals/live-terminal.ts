import { randomUUID } from 'node:crypto';
import type { IPty } from 'node-pty';
import type { TerminalFrame } from '../../shared/contract/terminals';
import { terminateProcess } from '../processes/process-terminator';
import { Attachment } from './attachment';
import { ReplayBuffer } from './replay-buffer';

export interface FlowLimits {
  /** Replay buffer cap, in bytes. */
  replayBytes: number;
  /** Flush a frame when this many bytes are pending… */
  frameBytes: number;
  /** …or this long after the first pending byte. */
  frameMs: number;
  /** Pause the PTY when an attachment has more than this unacknowledged… */
  highWatermark: number;
  /** …and resume once every attachment is at or below this. */
  lowWatermark: number;
}

export const DEFAULT_LIMITS: FlowLimits = {
  replayBytes: 256 * 1024,
  frameBytes: 64 * 1024,
  frameMs: 16,
  highWatermark: 1024 * 1024,
  lowWatermark: 256 * 1024,
};

const EXIT_REPORT_TIMEOUT_MS = 5000;

export interface TerminalExit {
  exitCode: number | null;
}

/** Memory a terminal holds, for tests and diagnostics. */
export interface TerminalStats {
  replayBytes: number;
  /** Output read but not yet sent as a frame. */
  pendingBytes: number;
  /** Largest unacknowledged byte count among attachments. */
  maxUnacked: number;
  attachments: number;
  paused: boolean;
  offset: number;
}

/**
 * One running PTY: coalesces its output into frames, keeps the replay tail, fans frames out to attachments
 * and pauses reading while any attachment is too far behind. The owner (TerminalsService) disposes it.
 */
export class LiveTerminal {
  private readonly replay: ReplayBuffer;
  private readonly attachments = new Map<string, Attachment>();
  /** Output read but not yet sent, copied into one reused buffer: a frame is one more copy, made by `send`. */
  private readonly pending: Buffer;
  private pendingBytes = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private offset = 0;
  private paused = false;
  private exit: TerminalExit | null = null;
  private readonly exited: Promise<TerminalExit>;

  constructor(
    readonly id: string,
    private readonly pty: IPty,
    public cols: number,
    public rows: number,
    private readonly limits: FlowLimits,
    onExit: (exit: TerminalExit) => void,
  ) {
    this.replay = new ReplayBuffer(limits.replayBytes);
    // A read is at most a few KiB; twice a frame leaves room for one more before a flush.
    this.pending = Buffer.allocUnsafe(limits.frameBytes * 2);
    pty.onData((data: Buffer | string) => this.onData(data));
    this.exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        this.flush();
        this.exit = { exitCode: signal ? null : exitCode };
        for (const attachment of this.attachments.values()) {
          attachment.push({ type: 'exit', exitCode: this.exit.exitCode, offset: this.offset });
        }
        onExit(this.exit);
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get hasExited(): boolean {
    return this.exit !== null;
  }

  write(data: string): void {
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
    this.cols = cols;
    this.rows = rows;
  }

  /** Opens an attachment whose first frame is the replay snapshot (and whose last is `exit`). */
  attach(): Attachment {
    const attachment = new Attachment(randomUUID(), (a) => this.detach(a));
    // Pending output goes out as a regular frame first, so the snapshot and the live frames meet exactly.
    this.flush();
    attachment.push({
      type: 'snapshot',
      attachmentId: attachment.id,
      base64: this.replay.snapshot().toString('base64'),
      offset: this.offset,
      truncated: this.replay.truncated,
      cols: this.cols,
      rows: this.rows,
      status: this.exit ? 'EXITED' : 'RUNNING',
      exitCode: this.exit?.exitCode ?? null,
    });
    if (this.exit) attachment.push({ type: 'exit', exitCode: this.exit.exitCode, offset: this.offset });
    else this.attachments.set(attachment.id, attachment);
    return attachment;
  }

  ack(attachmentId: string, bytes: number): boolean {
    const attachment = this.attachments.get(attachmentId);
    if (!attachment) return false;
    attachment.ack(bytes);
    this.updateFlow();
    return true;
  }

  stats(): TerminalStats {
    let maxUnacked = 0;
    for (const a of this.attachments.values()) maxUnacked = Math.max(maxUnacked, a.unacked);
    return {
      replayBytes: this.replay.bytes,
      pendingBytes: this.pendingBytes,
      maxUnacked,
      attachments: this.attachments.size,
      paused: this.paused,
      offset: this.offset,
    };
  }

  /** Kills the whole process tree and waits for the PTY to report the exit. */
  async kill(): Promise<TerminalExit> {
    if (this.exit) return this.exit;
    // A paused PTY would hold its exit behind unread output; nobody is left to read it as a view.
    if (this.paused) {
      this.paused = false;
      this.pty.resume();
    }
    await terminateProcess({ pid: this.pty.pid }, { signal: 'SIGHUP', descendants: true, graceMs: 1000 });
    // Everything got SIGKILL by now; the bound only guards against a PTY that never reports its exit.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<TerminalExit>((resolve) => {
      timer = setTimeout(() => resolve({ exitCode: null }), EXIT_REPORT_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends every attachment's stream. */
  closeAttachments(): void {
    for (const attachment of [...this.attachments.values()]) attachment.close();
  }

  /** Output arrives as bytes (see readPtyAsBytes); a node-pty without that (Windows) still gives strings. */
  private onData(data: Buffer | string): void {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    this.replay.append(chunk);
    if (this.pendingBytes + chunk.length > this.pending.length) this.flush();
    if (chunk.length > this.pending.length) {
      // Larger than the frame buffer (never seen from a PTY, but cheap to get right): a frame of its own.
      this.send(chunk);
      return;
    }
    this.pendingBytes += chunk.copy(this.pending, this.pendingBytes);
    if (this.pendingBytes >= this.limits.frameBytes) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), this.limits.frameMs);
  }

  private flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.pendingBytes === 0) return;
    const bytes = this.pendingBytes;
    this.pendingBytes = 0;
    this.send(this.pending.subarray(0, bytes));
  }

  /** Fans one frame out to every attachment (encoding copies the bytes, so `bytes` may be reused after). */
  private send(bytes: Buffer): void {
    const frame: TerminalFrame = {
      type: 'output',
      base64: bytes.toString('base64'),
      offset: this.offset,
      bytes: bytes.length,
    };
    this.offset += bytes.length;
    for (const attachment of this.attachments.values()) attachment.push(frame);
    this.updateFlow();
  }

  private detach(attachment: Attachment): void {
    this.attachments.delete(attachment.id);
    this.updateFlow();
  }

  private updateFlow(): void {
    if (this.exit) return;
    const { maxUnacked } = this.stats();
    if (!this.paused && maxUnacked > this.limits.highWatermark) {
      this.paused = true;
      this.pty.pause();
    } else if (this.paused && maxUnacked <= this.limits.lowWatermark) {
      this.paused = false;
      this.pty.resume();
    }
  }
}

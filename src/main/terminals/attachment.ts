import type { TerminalFrame } from '../../shared/contract/terminals';

/**
 * One client's view of a terminal: the frames not yet pulled by its stream, and the bytes it has been sent
 * but not yet acknowledged (what flow control weighs). Frames queue here only until the transport pulls
 * them, and the terminal stops reading while `unacked` is high, so this never grows without bound.
 */
export class Attachment {
  unacked = 0;
  private readonly queue: TerminalFrame[] = [];
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly onClose: (attachment: Attachment) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(frame: TerminalFrame): void {
    if (this.closed) return;
    if (frame.type === 'output') this.unacked += frame.bytes;
    this.queue.push(frame);
    this.wake?.();
  }

  /** Returns how many of `bytes` counted (never more than is outstanding). */
  ack(bytes: number): number {
    const counted = Math.min(bytes, this.unacked);
    this.unacked -= counted;
    return counted;
  }

  /** The next frame, or null once closed or `signal` aborts. */
  async next(signal?: AbortSignal): Promise<TerminalFrame | null> {
    while (!this.closed) {
      const frame = this.queue.shift();
      if (frame) return frame;
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal?.removeEventListener('abort', done);
          this.wake = null;
          resolve();
        };
        this.wake = done;
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    return null;
  }

  /** Detaches: stops counting toward flow control. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.unacked = 0;
    this.wake?.();
    this.onClose(this);
  }
}

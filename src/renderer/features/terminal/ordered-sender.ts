/**
 * Sends keystrokes one call at a time, in order: what is typed while a call is in flight is joined and sent
 * next (split at `maxChunk`), so concurrent RPCs can never reorder input.
 */
export function createOrderedSender(send: (data: string) => Promise<unknown>, maxChunk = 65_536) {
  let pending = '';
  let sending = false;

  async function drain(): Promise<void> {
    sending = true;
    try {
      while (pending) {
        const chunk = pending.slice(0, maxChunk);
        pending = pending.slice(chunk.length);
        try {
          await send(chunk);
        } catch {
          // The terminal exited or the connection dropped: drop what was typed, like a closed PTY would.
          pending = '';
        }
      }
    } finally {
      sending = false;
    }
  }

  return {
    push(data: string): void {
      pending += data;
      if (!sending) void drain();
    },
  };
}

import type { WebSocket } from 'ws';

/** Bytes a socket may hold unsent before its live topics stop pulling (and their subscribers resync). */
export const SEND_BUFFER_LIMIT = 512 * 1024;
/** ws has no drain event of its own; a waiting socket is checked this often. */
const CHECK_MS = 20;

/**
 * `drained` for one WebSocket: resolves at once while its unsent bytes are under the limit, else once they
 * are (or the socket closes). A client that reads slowly thus holds at most about the limit in core memory;
 * what it does not read piles up in its bounded live feeds, which resync it.
 */
export function sendPressure(ws: WebSocket, limit = SEND_BUFFER_LIMIT): () => Promise<void> {
  let waiting: Array<() => void> = [];
  let timer: NodeJS.Timeout | null = null;
  const roomy = () => ws.bufferedAmount <= limit || ws.readyState !== ws.OPEN;
  const release = () => {
    if (timer) clearInterval(timer);
    timer = null;
    const resolved = waiting;
    waiting = [];
    for (const resolve of resolved) resolve();
  };
  ws.on('close', release);
  return () => {
    if (roomy()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      timer ??= setInterval(() => {
        if (roomy()) release();
      }, CHECK_MS);
    });
  };
}

/**
 * Pre-checks each WebSocket frame before oRPC decodes it, so malformed input gets a typed error reply
 * (instead of being dropped with a console error) and the connection stays usable.
 */
export type FrameCheck = { ok: true } | { ok: false; id: string | number | null; reason: string };

export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export function checkRpcFrame(raw: unknown): FrameCheck {
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : null;
  if (text === null) return { ok: false, id: null, reason: 'Frame is not text' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { ok: false, id: null, reason: 'Frame is not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, id: null, reason: 'Frame is not an RPC message object' };
  }
  const m = message as { i?: unknown; t?: unknown; p?: unknown };
  if (typeof m.i !== 'string' && typeof m.i !== 'number')
    return { ok: false, id: null, reason: 'Message has no id' };
  const type = m.t ?? 1;
  if (type !== 1 && type !== 3 && type !== 4)
    return { ok: false, id: m.i, reason: `Unknown message type ${String(type)}` };
  if (type === 1) {
    const p = m.p as { u?: unknown } | undefined;
    if (typeof p !== 'object' || p === null || typeof p.u !== 'string') {
      return { ok: false, id: m.i, reason: 'Request has no procedure path' };
    }
  }
  return { ok: true };
}

/** Id used to answer frames that carry none; oRPC clients ignore responses to ids they never sent. */
export const MALFORMED_REPLY_ID = 'ff:malformed';

/**
 * The reply for a rejected frame: an oRPC error response (status 400, code MALFORMED_MESSAGE) addressed to
 * the frame's id, or to MALFORMED_REPLY_ID when it had none.
 */
export function malformedReply(check: Extract<FrameCheck, { ok: false }>): string {
  const error = { defined: false, code: 'MALFORMED_MESSAGE', status: 400, message: check.reason };
  return JSON.stringify({ i: check.id ?? MALFORMED_REPLY_ID, p: { s: 400, b: { json: error } } });
}

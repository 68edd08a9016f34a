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
  if (type === 3 && !isObject(m.p)) return { ok: false, id: m.i, reason: 'Event message has no payload' };
  if (type === 1) {
    const problem = requestProblem(m.p, typeof raw === 'string');
    if (problem) return { ok: false, id: m.i, reason: problem };
  }
  return { ok: true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What oRPC's decoder would throw on (it then drops the frame without an answer): a path that is neither
 * `/`-relative nor an absolute URL, headers that are not an object, form data without its binary part.
 */
function requestProblem(payload: unknown, isText: boolean): string | null {
  if (!isObject(payload) || typeof payload.u !== 'string') return 'Request has no procedure path';
  if (!payload.u.startsWith('/') && !URL.canParse(payload.u)) return 'Procedure path must start with /';
  if (payload.h === undefined || payload.h === null) return null;
  if (!isObject(payload.h)) return 'Request headers must be an object';
  const contentType = payload.h['content-type'];
  if (isText && typeof contentType === 'string' && contentType.startsWith('multipart/form-data')) {
    return 'Form data needs a binary frame';
  }
  return null;
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

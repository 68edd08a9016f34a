import type { Result } from '../../shared/lib/result';
import { rpc } from '../rpc-context';
import type { SessionProblem } from './sessions-service';

/** The typed-error constructors a sessions handler receives (a superset covers every procedure). */
interface ErrorFactories {
  NOT_FOUND(o: { data: { entity: string; id: string } }): Error;
  INVALID(o: { data: { field?: string; reason: string }; message?: string }): Error;
  CONFLICT(o: { data: { reason: string }; message?: string }): Error;
  AGENT_UNAVAILABLE?(o: { data: { provider: string; reason: string }; message?: string }): Error;
  AGENT_NOT_SIGNED_IN?(o: { data: { provider: string; loginHint: string }; message?: string }): Error;
  SESSION_NOT_ACTIVE?(o: {
    data: {
      status: SessionProblem & { code: 'SESSION_NOT_ACTIVE' } extends { status: infer S } ? S : never;
      reason: string | null;
      readOnly: boolean;
    };
    message?: string;
  }): Error;
}

/** Returns the value, or throws the typed oRPC error for the problem. */
function unwrap<T>(result: Result<T, SessionProblem>, errors: ErrorFactories): T {
  if (result.ok) return result.value;
  const p = result.error;
  switch (p.code) {
    case 'NOT_FOUND':
      throw errors.NOT_FOUND({ data: { entity: p.entity, id: p.id } });
    case 'INVALID':
      throw errors.INVALID({ message: p.reason, data: { field: p.field, reason: p.reason } });
    case 'CONFLICT':
      throw errors.CONFLICT({ message: p.reason, data: { reason: p.reason } });
    case 'AGENT_UNAVAILABLE':
      if (errors.AGENT_UNAVAILABLE)
        throw errors.AGENT_UNAVAILABLE({
          message: p.reason,
          data: { provider: p.provider, reason: p.reason },
        });
      throw errors.CONFLICT({ message: p.reason, data: { reason: p.reason } });
    case 'AGENT_NOT_SIGNED_IN': {
      const message = `${p.provider} is not signed in. ${p.loginHint}`;
      if (errors.AGENT_NOT_SIGNED_IN)
        throw errors.AGENT_NOT_SIGNED_IN({ message, data: { provider: p.provider, loginHint: p.loginHint } });
      throw errors.CONFLICT({ message, data: { reason: message } });
    }
    case 'SESSION_NOT_ACTIVE': {
      const message = p.readOnly
        ? 'This session is read-only: its agent cannot resume it. Continue in a new session.'
        : `The session is ${p.status}${p.reason ? ` (${p.reason})` : ''}; restart it first`;
      if (errors.SESSION_NOT_ACTIVE) {
        throw errors.SESSION_NOT_ACTIVE({
          message,
          data: { status: p.status, reason: p.reason, readOnly: p.readOnly },
        });
      }
      throw errors.CONFLICT({ message, data: { reason: message } });
    }
  }
}

export const sessionsRouter = {
  providers: rpc.sessions.providers.handler(({ context }) => context.services.sessions.providers()),
  list: rpc.sessions.list.handler(({ context, input }) => context.services.sessions.list(input.workspaceId)),
  get: rpc.sessions.get.handler(({ context, input, errors }) => {
    const session = context.services.sessions.get(input.sessionId);
    if (!session) throw errors.NOT_FOUND({ data: { entity: 'session', id: input.sessionId } });
    return session;
  }),
  create: rpc.sessions.create.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.create(input), errors),
  ),
  prompt: rpc.sessions.prompt.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.prompt(input.sessionId, input.text, input.mentions), errors),
  ),
  cancel: rpc.sessions.cancel.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.cancel(input.sessionId), errors),
  ),
  resumeQueue: rpc.sessions.resumeQueue.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.resumeQueue(input.sessionId), errors),
  ),
  stop: rpc.sessions.stop.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.sessions.stop(input.sessionId), errors),
  ),
  restart: rpc.sessions.restart.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.restart(input.sessionId), errors),
  ),
  setMode: rpc.sessions.setMode.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.sessions.setMode(input.sessionId, input.modeId), errors),
  ),
  setConfigOption: rpc.sessions.setConfigOption.handler(async ({ context, input, errors }) =>
    unwrap(
      await context.services.sessions.setConfigOption(input.sessionId, input.configId, input.value),
      errors,
    ),
  ),
  setPreset: rpc.sessions.setPreset.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.sessions.setPreset(input.sessionId, input.preset), errors),
  ),
  answerPermission: rpc.sessions.answerPermission.handler(({ context, input, errors }) =>
    unwrap(
      context.services.sessions.answerPermission(input.sessionId, input.requestId, input.decision),
      errors,
    ),
  ),
  log: rpc.sessions.log.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.logPage(input.sessionId, input.afterSeq, input.limit), errors),
  ),
  listQueue: rpc.sessions.listQueue.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.listQueue(input.sessionId), errors),
  ),
  updateQueued: rpc.sessions.updateQueued.handler(({ context, input, errors }) =>
    unwrap(
      context.services.sessions.updateQueued(input.sessionId, input.queuedId, input.text, input.mentions),
      errors,
    ),
  ),
  removeQueued: rpc.sessions.removeQueued.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.removeQueued(input.sessionId, input.queuedId), errors),
  ),
  continueInNew: rpc.sessions.continueInNew.handler(({ context, input, errors }) =>
    unwrap(context.services.sessions.continueInNew(input.sessionId, input.text), errors),
  ),
};

import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const sessionsRouter = {
  providers: rpc.sessions.providers.handler(({ context }) => context.services.sessions.providers()),
  list: rpc.sessions.list.handler(({ context, input }) => context.services.sessions.list(input.workspaceId)),
  get: rpc.sessions.get.handler(({ context, input, errors }) => {
    const session = context.services.sessions.get(input.sessionId);
    if (!session) throw errors.NOT_FOUND({ data: { entity: 'session', id: input.sessionId } });
    return session;
  }),
  create: rpc.sessions.create.handler(({ context, input }) =>
    unwrap(context.services.sessions.create(input)),
  ),
  prompt: rpc.sessions.prompt.handler(({ context, input }) =>
    unwrap(context.services.sessions.prompt(input.sessionId, input.text, input.mentions)),
  ),
  wake: rpc.sessions.wake.handler(({ context, input }) =>
    unwrap(context.services.sessions.wake(input.sessionId)),
  ),
  cancel: rpc.sessions.cancel.handler(({ context, input }) =>
    unwrap(context.services.sessions.cancel(input.sessionId)),
  ),
  resumeQueue: rpc.sessions.resumeQueue.handler(({ context, input }) =>
    unwrap(context.services.sessions.resumeQueue(input.sessionId)),
  ),
  stop: rpc.sessions.stop.handler(async ({ context, input }) =>
    unwrap(await context.services.sessions.stop(input.sessionId)),
  ),
  delete: rpc.sessions.delete.handler(async ({ context, input }) =>
    unwrap(await context.services.sessions.delete(input.sessionId)),
  ),
  restart: rpc.sessions.restart.handler(({ context, input }) =>
    unwrap(context.services.sessions.restart(input.sessionId)),
  ),
  setMode: rpc.sessions.setMode.handler(async ({ context, input }) =>
    unwrap(await context.services.sessions.setMode(input.sessionId, input.modeId)),
  ),
  setConfigOption: rpc.sessions.setConfigOption.handler(async ({ context, input }) =>
    unwrap(await context.services.sessions.setConfigOption(input.sessionId, input.configId, input.value)),
  ),
  setPreset: rpc.sessions.setPreset.handler(async ({ context, input }) =>
    unwrap(await context.services.sessions.setPreset(input.sessionId, input.preset)),
  ),
  answerPermission: rpc.sessions.answerPermission.handler(({ context, input }) =>
    unwrap(context.services.sessions.answerPermission(input.sessionId, input.requestId, input.decision)),
  ),
  log: rpc.sessions.log.handler(({ context, input }) =>
    unwrap(context.services.sessions.logPage(input.sessionId, input.afterSeq, input.limit)),
  ),
  logTurns: rpc.sessions.logTurns.handler(({ context, input }) =>
    unwrap(context.services.sessions.logTurns(input.sessionId, input.beforeSeq, input.minEntries)),
  ),
  listQueue: rpc.sessions.listQueue.handler(({ context, input }) =>
    unwrap(context.services.sessions.listQueue(input.sessionId)),
  ),
  updateQueued: rpc.sessions.updateQueued.handler(({ context, input }) =>
    unwrap(
      context.services.sessions.updateQueued(input.sessionId, input.queuedId, input.text, input.mentions),
    ),
  ),
  removeQueued: rpc.sessions.removeQueued.handler(({ context, input }) =>
    unwrap(context.services.sessions.removeQueued(input.sessionId, input.queuedId)),
  ),
  continueInNew: rpc.sessions.continueInNew.handler(({ context, input }) =>
    unwrap(context.services.sessions.continueInNew(input.sessionId, input.text)),
  ),
};

import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const iterateRouter = {
  list: rpc.iterate.list.handler(({ context, input }) => context.services.iterate.list(input.workspaceId)),
  start: rpc.iterate.start.handler(async ({ context, input }) =>
    unwrap(await context.services.iterate.begin(input)),
  ),
  stop: rpc.iterate.stop.handler(({ context, input }) => unwrap(context.services.iterate.stop(input.loopId))),
};

export const schedulesRouter = {
  list: rpc.schedules.list.handler(({ context, input }) => context.services.schedules.list(input.projectId)),
  create: rpc.schedules.create.handler(({ context, input }) =>
    unwrap(context.services.schedules.create(input)),
  ),
  update: rpc.schedules.update.handler(({ context, input }) =>
    unwrap(context.services.schedules.update(input)),
  ),
  remove: rpc.schedules.remove.handler(({ context, input }) =>
    unwrap(context.services.schedules.remove(input.id)),
  ),
  runNow: rpc.schedules.runNow.handler(async ({ context, input }) =>
    unwrap(await context.services.schedules.runNow(input.id)),
  ),
};

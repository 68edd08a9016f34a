import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const ratchetRouter = {
  list: rpc.ratchet.list.handler(({ context }) => context.services.ratchet.list()),
  get: rpc.ratchet.get.handler(({ context, input }) =>
    unwrap(context.services.ratchet.get(input.workspaceId)),
  ),
  setEnabled: rpc.ratchet.setEnabled.handler(async ({ context, input }) =>
    unwrap(await context.services.ratchet.setEnabled(input.workspaceId, input.enabled)),
  ),
  updateSettings: rpc.ratchet.updateSettings.handler(({ context, input }) =>
    unwrap(context.services.ratchet.updateSettings(input.workspaceId, input.overrides)),
  ),
  checkNow: rpc.ratchet.checkNow.handler(({ context, input }) =>
    context.services.ratchet.checkNow(input.workspaceId),
  ),
  activity: rpc.ratchet.activity.handler(({ context, input }) =>
    context.services.ratchet.activity(input.workspaceId, input.before, input.limit),
  ),
};

import { rpc } from '../rpc-context';

export const settingsRouter = {
  get: rpc.settings.get.handler(({ context }) => context.services.settings.get()),
  update: rpc.settings.update.handler(({ context, input }) => context.services.settings.update(input)),
};

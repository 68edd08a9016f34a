import { rpc } from '../rpc-context';

export const settingsRouter = {
  get: rpc.settings.get.handler(({ context }) => context.services.settings.publicView()),
  update: rpc.settings.update.handler(({ context, input }) => context.services.settings.update(input)),
};

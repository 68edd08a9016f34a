import { rpc } from '../rpc-context';

export const systemRouter = {
  info: rpc.system.info.handler(({ context }) => context.services.info),
  ping: rpc.system.ping.handler(({ input }) => ({ nonce: input.nonce, at: Date.now() })),
};

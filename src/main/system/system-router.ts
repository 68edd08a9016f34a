import { rpc } from '../rpc-context';

export const systemRouter = {
  info: rpc.system.info.handler(({ context }) => {
    const { mechanism, problem } = context.services.sandbox.support();
    return { ...context.services.info, sandbox: { mechanism, problem } };
  }),
  ping: rpc.system.ping.handler(({ input }) => ({ nonce: input.nonce, at: Date.now() })),
};

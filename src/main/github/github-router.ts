import { rpc } from '../rpc-context';

export const githubRouter = {
  status: rpc.github.status.handler(({ context }) => context.services.github.status()),
  refresh: rpc.github.refresh.handler(({ context }) => context.services.github.refresh()),
  setToken: rpc.github.setToken.handler(({ context, input }) =>
    context.services.github.setToken(input.token),
  ),
};

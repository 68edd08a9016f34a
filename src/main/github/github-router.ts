import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const githubRouter = {
  status: rpc.github.status.handler(({ context }) => context.services.github.status()),
  refresh: rpc.github.refresh.handler(({ context }) => context.services.github.refresh()),
  issues: rpc.github.issues.handler(({ context }) => context.services.issues.list()),
  refreshIssues: rpc.github.refreshIssues.handler(({ context, input }) =>
    context.services.issues.refresh(input.projectId),
  ),
  refreshPulls: rpc.github.refreshPulls.handler(({ context, input }) =>
    context.services.pulls.refresh(input.projectId),
  ),
  pulls: rpc.github.pulls.handler(({ context }) => context.services.pulls.list()),
  pullDraft: rpc.github.pullDraft.handler(async ({ context, input }) =>
    unwrap(await context.services.pullCreator.draft(input.workspaceId)),
  ),
  createPull: rpc.github.createPull.handler(async ({ context, input }) =>
    unwrap(await context.services.pullCreator.create(input)),
  ),
  startIssue: rpc.github.startIssue.handler(async ({ context, input }) =>
    unwrap(await context.services.issues.start(input)),
  ),
  setToken: rpc.github.setToken.handler(({ context, input }) =>
    context.services.github.setToken(input.token),
  ),
};

import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const workspacesRouter = {
  list: rpc.workspaces.list.handler(({ context, input }) => context.services.workspaces.list(input)),
  get: rpc.workspaces.get.handler(({ context, input }) =>
    unwrap(context.services.workspaces.getResult(input.id)),
  ),
  create: rpc.workspaces.create.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.create(input)),
  ),
  rename: rpc.workspaces.rename.handler(({ context, input }) =>
    unwrap(context.services.workspaces.rename(input.id, input.name)),
  ),
  retrySetup: rpc.workspaces.retrySetup.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.retrySetup(input.id)),
  ),
  archive: rpc.workspaces.archive.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.archive(input)),
  ),
  unarchive: rpc.workspaces.unarchive.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.unarchive(input.id)),
  ),
  changes: rpc.workspaces.changes.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.changes(input.id)),
  ),
  fileDiff: rpc.workspaces.fileDiff.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.fileDiff(input)),
  ),
  commit: rpc.workspaces.commit.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.commit(input.id, input.message)),
  ),
  push: rpc.workspaces.push.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.push(input)),
  ),
  sync: rpc.workspaces.sync.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.sync(input)),
  ),
  abortSync: rpc.workspaces.abortSync.handler(async ({ context, input }) =>
    unwrap(await context.services.workspaces.abortSync(input.id)),
  ),
  scriptRuns: rpc.workspaces.scriptRuns.handler(({ context, input }) =>
    unwrap(context.services.workspaces.scriptRuns(input.id)),
  ),
  scriptOutput: rpc.workspaces.scriptOutput.handler(({ context, input }) =>
    unwrap(context.services.workspaces.scriptOutput(input.runId)),
  ),
};

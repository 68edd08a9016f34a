import type { Result } from '../../shared/lib/result';
import { rpc } from '../rpc-context';
import type { WorkspaceError } from './workspace-errors';

/** The typed-error constructors a workspace procedure may use (structural subset of oRPC's `errors`). */
interface ErrorFactories {
  NOT_FOUND(options: { data: { entity: string; id: string } }): Error;
  UNAVAILABLE(options: { message: string; data: { reason: string } }): Error;
  WORKSPACE_REJECTED?(options: { message: string; data: { problem: never; detail: string } }): Error;
  WRONG_STATUS?(options: { message: string; data: { status: never; allowed: never[] } }): Error;
  GIT_REFUSED?(options: { message: string; data: { problem: never; detail: string } }): Error;
  ARCHIVE_REFUSED?(options: {
    message: string;
    data: { uncommittedFiles: string[]; unpushedCommits: number };
  }): Error;
}

/** Returns the value or throws the contract's typed error for the failure. */
function unwrap<T>(result: Result<T, WorkspaceError>, errors: ErrorFactories): T {
  if (result.ok) return result.value;
  const e = result.error;
  const fallback = () => errors.NOT_FOUND({ data: { entity: 'workspace', id: '' } });
  switch (e.code) {
    case 'NOT_FOUND':
      throw errors.NOT_FOUND({ data: { entity: e.entity, id: e.id } });
    case 'UNAVAILABLE':
      throw errors.UNAVAILABLE({ message: e.reason, data: { reason: e.reason } });
    case 'WORKSPACE_REJECTED':
      throw (
        errors.WORKSPACE_REJECTED?.({
          message: e.detail,
          data: { problem: e.problem as never, detail: e.detail },
        }) ?? fallback()
      );
    case 'WRONG_STATUS':
      throw (
        errors.WRONG_STATUS?.({
          message: `The workspace is ${e.status}; this needs ${e.allowed.join(' or ')}`,
          data: { status: e.status as never, allowed: e.allowed as never[] },
        }) ?? fallback()
      );
    case 'GIT_REFUSED':
      throw (
        errors.GIT_REFUSED?.({
          message: e.detail,
          data: { problem: e.problem as never, detail: e.detail },
        }) ?? fallback()
      );
    case 'ARCHIVE_REFUSED': {
      const parts = [];
      if (e.uncommittedFiles.length) parts.push(`${e.uncommittedFiles.length} uncommitted file(s)`);
      if (e.unpushedCommits) parts.push(`${e.unpushedCommits} unpushed commit(s)`);
      throw (
        errors.ARCHIVE_REFUSED?.({
          message: `Archiving would lose ${parts.join(' and ')}; commit and push, or archive with force`,
          data: { uncommittedFiles: e.uncommittedFiles, unpushedCommits: e.unpushedCommits },
        }) ?? fallback()
      );
    }
  }
}

export const workspacesRouter = {
  list: rpc.workspaces.list.handler(({ context, input }) => context.services.workspaces.list(input)),
  get: rpc.workspaces.get.handler(({ context, input, errors }) =>
    unwrap(context.services.workspaces.getResult(input.id), errors),
  ),
  create: rpc.workspaces.create.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.create(input), errors),
  ),
  rename: rpc.workspaces.rename.handler(({ context, input, errors }) =>
    unwrap(context.services.workspaces.rename(input.id, input.name), errors),
  ),
  retrySetup: rpc.workspaces.retrySetup.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.retrySetup(input.id), errors),
  ),
  archive: rpc.workspaces.archive.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.archive(input), errors),
  ),
  unarchive: rpc.workspaces.unarchive.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.unarchive(input.id), errors),
  ),
  changes: rpc.workspaces.changes.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.changes(input.id), errors),
  ),
  fileDiff: rpc.workspaces.fileDiff.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.fileDiff(input), errors),
  ),
  commit: rpc.workspaces.commit.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.commit(input.id, input.message), errors),
  ),
  push: rpc.workspaces.push.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.push(input), errors),
  ),
  sync: rpc.workspaces.sync.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.sync(input), errors),
  ),
  abortSync: rpc.workspaces.abortSync.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.workspaces.abortSync(input.id), errors),
  ),
  scriptRuns: rpc.workspaces.scriptRuns.handler(({ context, input, errors }) =>
    unwrap(context.services.workspaces.scriptRuns(input.id), errors),
  ),
  scriptOutput: rpc.workspaces.scriptOutput.handler(({ context, input, errors }) =>
    unwrap(context.services.workspaces.scriptOutput(input.runId), errors),
  ),
};

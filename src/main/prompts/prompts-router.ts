import { ok } from '../../shared/lib/result';
import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const promptsRouter = {
  list: rpc.prompts.list.handler(async ({ context, input }) => {
    const { projects, prompts } = context.services;
    if (!input.projectId) return prompts.list();
    const project = projects.get(input.projectId);
    if (!project)
      return unwrap({ ok: false, error: { code: 'NOT_FOUND', entity: 'project', id: input.projectId } });
    return unwrap(ok(await prompts.list(project.path)));
  }),
  quickActions: rpc.prompts.quickActions.handler(async ({ context, input }) =>
    unwrap(await context.services.quickActions.list(input.workspaceId)),
  ),
  runQuickAction: rpc.prompts.runQuickAction.handler(async ({ context, input }) =>
    unwrap(await context.services.quickActions.run(input)),
  ),
};

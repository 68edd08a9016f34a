import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const projectsRouter = {
  list: rpc.projects.list.handler(({ context }) => context.services.projects.list()),

  get: rpc.projects.get.handler(({ context, input, errors }) => {
    const project = context.services.projects.get(input.id);
    if (!project) throw errors.NOT_FOUND({ data: { entity: 'project', id: input.id } });
    return project;
  }),

  add: rpc.projects.add.handler(async ({ context, input }) =>
    unwrap(await context.services.projects.add(input)),
  ),

  update: rpc.projects.update.handler(async ({ context, input }) => {
    const { id, ...patch } = input;
    return unwrap(await context.services.projects.update(id, patch));
  }),

  remove: rpc.projects.remove.handler(async ({ context, input, errors }) => {
    if (!context.services.projects.get(input.id)) {
      throw errors.NOT_FOUND({ data: { entity: 'project', id: input.id } });
    }
    await context.services.workspaces.releaseProject(input.id);
    context.services.projects.remove(input.id);
    return { id: input.id };
  }),
};

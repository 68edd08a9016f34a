import { rpc } from '../rpc-context';

export const projectsRouter = {
  list: rpc.projects.list.handler(({ context }) => context.services.projects.list()),

  get: rpc.projects.get.handler(({ context, input, errors }) => {
    const project = context.services.projects.get(input.id);
    if (!project) throw errors.NOT_FOUND({ data: { entity: 'project', id: input.id } });
    return project;
  }),

  add: rpc.projects.add.handler(async ({ context, input, errors }) => {
    const result = await context.services.projects.add(input);
    if (result.ok) return result.value;
    throw errors.PROJECT_PATH_REJECTED({
      message: PROBLEM_MESSAGES[result.error.problem],
      data: { problem: result.error.problem, path: result.error.path },
    });
  }),

  update: rpc.projects.update.handler(async ({ context, input, errors }) => {
    const { id, ...patch } = input;
    const result = await context.services.projects.update(id, patch);
    if (result.ok) return result.value;
    if (result.error.code === 'NOT_FOUND') throw errors.NOT_FOUND({ data: { entity: 'project', id } });
    throw errors.INVALID({
      message: result.error.reason,
      data: { field: result.error.field, reason: result.error.reason },
    });
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

const PROBLEM_MESSAGES = {
  NOT_FOUND: 'No folder exists at this path',
  NOT_A_DIRECTORY: 'This path is a file, not a folder',
  NOT_A_GIT_REPOSITORY: 'This folder is not inside a git repository',
  BARE_REPOSITORY: 'This is a bare repository; add a repository with a work tree',
  NO_COMMITS: 'This repository has no commits yet; make a first commit, then add it',
  ALREADY_ADDED: 'This repository is already a project',
} as const;

import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const editorsRouter = {
  list: rpc.editors.list.handler(({ context }) => context.services.editors.list()),
  open: rpc.editors.open.handler(async ({ context, input }) => {
    unwrap(await context.services.editors.open(input.workspaceId, input.editorId));
    return { opened: true as const };
  }),
};

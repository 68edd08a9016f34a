import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const reviewsRouter = {
  inbox: rpc.reviews.inbox.handler(({ context }) => context.services.reviewInbox.inbox()),
  refresh: rpc.reviews.refresh.handler(({ context }) => context.services.reviewInbox.refresh()),
  list: rpc.reviews.list.handler(({ context }) => context.services.reviews.list()),
  start: rpc.reviews.start.handler(async ({ context, input }) =>
    unwrap(await context.services.reviews.start(input)),
  ),
  updateDraft: rpc.reviews.updateDraft.handler(({ context, input }) =>
    unwrap(context.services.reviews.updateDraft(input)),
  ),
  reread: rpc.reviews.reread.handler(({ context, input }) =>
    unwrap(context.services.reviews.reread(input.id)),
  ),
  submit: rpc.reviews.submit.handler(async ({ context, input }) =>
    unwrap(await context.services.reviews.submit(input.id)),
  ),
};

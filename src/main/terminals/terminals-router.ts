import type { TerminalFrame } from '../../shared/contract/terminals';
import { rpc } from '../rpc-context';
import { unwrap } from '../rpc-errors';

export const terminalsRouter = {
  list: rpc.terminals.list.handler(({ context, input }) =>
    unwrap(context.services.terminals.list(input.workspaceId)),
  ),

  create: rpc.terminals.create.handler(async ({ context, input }) =>
    unwrap(await context.services.terminals.create(input)),
  ),

  startRun: rpc.terminals.startRun.handler(async ({ context, input }) =>
    unwrap(await context.services.terminals.startRun(input)),
  ),

  rename: rpc.terminals.rename.handler(({ context, input }) =>
    unwrap(context.services.terminals.rename(input.id, input.title)),
  ),

  close: rpc.terminals.close.handler(async ({ context, input }) =>
    unwrap(await context.services.terminals.close(input.id)),
  ),

  input: rpc.terminals.input.handler(({ context, input }) => {
    unwrap(context.services.terminals.input(input.id, input.data));
  }),

  resize: rpc.terminals.resize.handler(({ context, input }) =>
    unwrap(context.services.terminals.resize(input.id, input.cols, input.rows)),
  ),

  attach: rpc.terminals.attach.handler(async function* ({ context, input, signal }) {
    const attachment = unwrap(context.services.terminals.attach(input.id));
    try {
      for (;;) {
        const frame: TerminalFrame | null = await attachment.next(signal);
        if (!frame) return;
        yield frame;
        if (frame.type === 'exit') return;
      }
    } finally {
      attachment.close();
    }
  }),

  ack: rpc.terminals.ack.handler(({ context, input }) => {
    unwrap(context.services.terminals.ack(input.id, input.attachmentId, input.bytes));
  }),
};

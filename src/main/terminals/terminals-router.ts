import type { ORPCErrorConstructorMap } from '@orpc/server';
import type { commonErrors } from '../../shared/contract/errors';
import type { TerminalFrame, terminalErrors } from '../../shared/contract/terminals';
import type { Result } from '../../shared/lib/result';
import { rpc } from '../rpc-context';
import type { TerminalError } from './terminals-service';

type Constructors = ORPCErrorConstructorMap<typeof commonErrors & typeof terminalErrors>;
/** What every terminals handler's `errors` offers: the common ones, plus the terminal ones it declares. */
type TerminalErrorConstructors = Pick<Constructors, 'NOT_FOUND'> &
  Partial<Pick<Constructors, 'TERMINAL_REJECTED' | 'TERMINAL_EXITED'>>;

/** Unwraps a service result, turning its expected failure into the procedure's typed error. */
function unwrap<T>(result: Result<T, TerminalError>, errors: TerminalErrorConstructors): T {
  if (result.ok) return result.value;
  const error = result.error;
  switch (error.code) {
    case 'NOT_FOUND':
      throw errors.NOT_FOUND({ data: { entity: error.entity, id: error.id } });
    case 'TERMINAL_REJECTED':
      if (!errors.TERMINAL_REJECTED) break;
      throw errors.TERMINAL_REJECTED({
        message: error.detail,
        data: { problem: error.problem, detail: error.detail },
      });
    case 'TERMINAL_EXITED':
      if (!errors.TERMINAL_EXITED) break;
      throw errors.TERMINAL_EXITED({ data: { id: error.id, exitCode: error.exitCode } });
  }
  throw new Error(`Unexpected terminal error ${error.code}`);
}

export const terminalsRouter = {
  list: rpc.terminals.list.handler(({ context, input, errors }) =>
    unwrap(context.services.terminals.list(input.workspaceId), errors),
  ),

  create: rpc.terminals.create.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.terminals.create(input), errors),
  ),

  startRun: rpc.terminals.startRun.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.terminals.startRun(input), errors),
  ),

  rename: rpc.terminals.rename.handler(({ context, input, errors }) =>
    unwrap(context.services.terminals.rename(input.id, input.title), errors),
  ),

  close: rpc.terminals.close.handler(async ({ context, input, errors }) =>
    unwrap(await context.services.terminals.close(input.id), errors),
  ),

  input: rpc.terminals.input.handler(({ context, input, errors }) => {
    unwrap(context.services.terminals.input(input.id, input.data), errors);
  }),

  resize: rpc.terminals.resize.handler(({ context, input, errors }) =>
    unwrap(context.services.terminals.resize(input.id, input.cols, input.rows), errors),
  ),

  attach: rpc.terminals.attach.handler(async function* ({ context, input, errors, signal }) {
    const attachment = unwrap(context.services.terminals.attach(input.id), errors);
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

  ack: rpc.terminals.ack.handler(({ context, input, errors }) => {
    unwrap(context.services.terminals.ack(input.id, input.attachmentId, input.bytes), errors);
  }),
};

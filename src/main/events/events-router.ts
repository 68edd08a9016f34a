import { rpc } from '../rpc-context';

export const eventsRouter = {
  subscribe: rpc.events.subscribe.handler(async function* ({ context, signal }) {
    // Subscribe before yielding hello so nothing published after hello is missed.
    const stream = context.services.events.stream(signal);
    yield { type: 'hello' as const, at: Date.now() };
    for await (const event of stream) yield event;
  }),
};

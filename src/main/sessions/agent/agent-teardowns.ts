import type { LiveAgent } from '../controller/session-host';

/** Tears down a session's replaced agents and tracks the teardowns still running, so dispose can wait. */
export class AgentTeardowns {
  private readonly running = new Set<Promise<void>>();

  /** Closes the connection, disposes the terminals, kills the process group, releases the slot; then `after`. */
  run(agent: LiveAgent | null, after: () => void): Promise<void> {
    if (!agent) return Promise.resolve();
    const done = (async () => {
      agent.connection.close();
      await Promise.all([agent.terminals.dispose(), agent.process.kill()]);
      agent.ticket.release();
      after();
    })();
    this.running.add(done);
    return done.finally(() => this.running.delete(done));
  }

  /** Settles once every teardown started so far has. */
  settled(): Promise<unknown> {
    return Promise.all([...this.running]);
  }
}

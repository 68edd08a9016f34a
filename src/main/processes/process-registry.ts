import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';
import { type ProcessGroupKind, processGroups } from '../store/schema';
import { readStartTime } from './process-identity';
import { type TerminateOptions, terminateProcess } from './process-terminator';

export type { ProcessGroupKind };

/** A process group the core just started: its leader's pid is the group id. */
export interface StartedGroup {
  kind: ProcessGroupKind;
  /** The session, script run or terminal it belongs to. */
  ownerId: string;
  pid: number | undefined;
}

/** Records a started process group until the returned function says it ended. */
export interface ProcessTracker {
  track(group: StartedGroup): () => void;
}

/** How a leftover is ended: as its owner would have ended it. A terminal's shell runs jobs in groups of their own. */
const ENDING: Record<ProcessGroupKind, TerminateOptions> = {
  agent: { graceMs: 1000 },
  agent_terminal: { graceMs: 500 },
  script: { graceMs: 1000 },
  terminal: { signal: 'SIGHUP', descendants: true, graceMs: 1000 },
};

/**
 * The durable record of every process group the core starts (agents, agent terminals, scripts, PTYs), the
 * only writer of `process_groups`. A core killed with SIGKILL cannot end its groups; the next core ends them
 * with `reapLeftovers()` before any service starts or recovers, so nothing runs twice at once. A group is
 * recorded right after its spawn returns: a core killed in between leaves that one group unrecorded.
 */
export class ProcessRegistry implements ProcessTracker {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /**
   * Records the group while its leader runs. Nothing is recorded when the start time cannot be read
   * (spawn failed, Windows): without it a leftover could not be told apart from a process reusing the pid.
   */
  track(group: StartedGroup): () => void {
    const startTime = group.pid === undefined ? null : readStartTime(group.pid);
    if (group.pid === undefined || startTime === null) return () => {};
    const id = randomUUID();
    this.db
      .insert(processGroups)
      .values({ id, kind: group.kind, ownerId: group.ownerId, pid: group.pid, startTime })
      .run();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      try {
        this.db.delete(processGroups).where(eq(processGroups.id, id)).run();
      } catch (error) {
        // A group that ends after the store closed (core shutdown): the next start finds it gone.
        this.logger.debug(`Could not forget process group ${group.pid}`, error);
      }
    };
  }

  /**
   * Ends every recorded group still alive under the same identity (a pid now naming another process is left
   * alone), logs each, and forgets them all. Returns how many were ended.
   */
  async reapLeftovers(): Promise<number> {
    let reaped = 0;
    for (const row of this.db.select().from(processGroups).all()) {
      const outcome = await terminateProcess({ pid: row.pid, startTime: row.startTime }, ENDING[row.kind]);
      if (outcome === 'terminated') {
        reaped++;
        this.logger.warn(
          `Ended ${row.kind.replace('_', ' ')} process group ${row.pid} of ${row.ownerId}, left running by a previous run`,
        );
      }
      this.db.delete(processGroups).where(eq(processGroups.id, row.id)).run();
    }
    return reaped;
  }
}

import type { Logger } from '../logging/logger';

/** Work a service started and did not await: kept until it settles, so disposing can wait for all of it. */
export class BackgroundTasks {
  private readonly tasks = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  /** Runs in the background: a failure is logged, never thrown (resolves to undefined then). */
  track<T>(task: Promise<T>): Promise<T> {
    const guarded = task.catch((error) => {
      this.logger.error('A background task failed', error);
      return undefined as T;
    });
    return this.keep(guarded);
  }

  /** Kept until settled, but its result (and failure) belongs to the caller, who awaits it. */
  keep<T>(task: Promise<T>): Promise<T> {
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task)).catch(() => undefined);
    return task;
  }

  /** Resolves once everything started so far has settled. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.tasks]);
  }
}

import type { ContractClient } from '@shared/contract';

/**
 * Calls `refresh` when triggered, at most once per `minIntervalMs` (focus and visibility events come in
 * bursts: switching back to the window fires both). Returns the trigger.
 */
export function throttledRefresh(
  refresh: () => void,
  minIntervalMs: number,
  now: () => number = Date.now,
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < minIntervalMs) return;
    last = at;
    refresh();
  };
}

const MIN_INTERVAL_MS = 30_000;

/**
 * When the window gets focus or the page becomes visible again, asks the core to read GitHub issues and pull
 * requests again (the timers in the core keep running meanwhile; this catches up what changed while the user
 * was on GitHub). Failures are left to the columns, which show the problem of the last read. Returns the stop.
 */
export function startRefreshOnFocus(client: ContractClient): () => void {
  const trigger = throttledRefresh(() => {
    void client.github.refreshIssues({}).catch(() => {});
    void client.github.refreshPulls({}).catch(() => {});
  }, MIN_INTERVAL_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') trigger();
  };
  window.addEventListener('focus', trigger);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('focus', trigger);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

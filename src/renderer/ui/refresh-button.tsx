import { type ReactNode, useState } from 'react';
import { toast } from 'sonner';
import { describeError } from './describe-error';

/**
 * A small button that runs `refresh` once at a time, says "Refreshing…" meanwhile, and on failure toasts
 * `failure` with the reason.
 */
export function RefreshButton({
  label,
  failure,
  refresh,
  children = 'Refresh',
}: {
  /** The accessible name, e.g. "Refresh issues". */
  label: string;
  failure: string;
  refresh: () => Promise<unknown>;
  children?: ReactNode;
}) {
  const [refreshing, setRefreshing] = useState(false);
  async function run() {
    setRefreshing(true);
    try {
      await refresh();
    } catch (error) {
      toast.error(failure, { description: describeError(error) });
    } finally {
      setRefreshing(false);
    }
  }
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={refreshing}
      aria-label={label}
      onClick={() => void run()}
    >
      {refreshing ? 'Refreshing…' : children}
    </button>
  );
}

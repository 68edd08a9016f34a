import { useConnection } from '../transport/connection-store';

const labels = { connecting: 'connecting', online: 'online', offline: 'offline' } as const;

/** The top bar's connection state; offline shows why and offers an immediate retry. */
export function ConnectionIndicator({ onRetry }: { onRetry(): void }) {
  const { state, lastError } = useConnection();
  return (
    <div className="connection" data-state={state}>
      <span role="status" aria-label={`Connection ${labels[state]}`} title={lastError ?? undefined}>
        <span className="dot" aria-hidden="true" /> <span className="connection-label">{labels[state]}</span>
      </span>
      {state === 'offline' && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Reconnect
        </button>
      )}
    </div>
  );
}

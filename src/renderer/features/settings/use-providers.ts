import type { AgentProvider } from '@shared/contract/sessions';
import { useEffect, useState } from 'react';
import { useSettings } from '../../stores/settings-store';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';

/** Providers and whether each can start, reloaded when the connection returns or provider settings change. */
export function useProviders(): AgentProvider[] | null {
  const client = useClient();
  const [providers, setProviders] = useState<AgentProvider[] | null>(null);
  const epoch = useConnection((s) => s.epoch);
  const providerSettings = useSettings((s) => s.settings?.providers);
  useEffect(() => {
    let live = true;
    void epoch;
    void providerSettings;
    client.sessions.providers().then(
      (list) => live && setProviders(list),
      () => live && setProviders([]),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, providerSettings]);
  return providers;
}

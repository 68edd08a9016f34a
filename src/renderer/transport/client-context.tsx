import type { ContractClient } from '@shared/contract';
import { createContext, type ReactNode, useContext } from 'react';

const ClientContext = createContext<ContractClient | null>(null);

/** Provides the contract client to every view below it (the app root's; a test's own in component tests). */
export function ClientProvider({ client, children }: { client: ContractClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The contract client of the nearest `ClientProvider`. */
export function useClient(): ContractClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside a ClientProvider');
  return client;
}

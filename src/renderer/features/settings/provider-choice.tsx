import type { AgentProvider } from '@shared/contract/sessions';
import { useState } from 'react';
import { useProviders } from './use-providers';

export interface ProviderChoice {
  /** The providers that can start here. */
  available: AgentProvider[];
  /** The chosen one, else the first available; null while none is. */
  provider: string | null;
  choose(id: string): void;
}

/** Which agent a page starts its work with: the user's pick among the available ones, else the first. */
export function useProviderChoice(): ProviderChoice {
  const available = useProviders()?.filter((p) => p.available) ?? [];
  const [chosen, setChosen] = useState('');
  const provider = available.find((p) => p.id === chosen)?.id ?? available[0]?.id ?? null;
  return { available, provider, choose: setChosen };
}

/** A select of the available agents; nothing when there is no choice to make. */
export function ProviderSelect({ choice, label }: { choice: ProviderChoice; label: string }) {
  if (choice.available.length <= 1) return null;
  return (
    <select aria-label={label} value={choice.provider ?? ''} onChange={(e) => choice.choose(e.target.value)}>
      {choice.available.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  );
}

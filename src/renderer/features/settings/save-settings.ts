import type { ContractClient } from '@shared/contract';
import type { AppSettings } from '@shared/contract/settings';
import { toast } from 'sonner';
import { useSettings } from '../../stores/settings-store';
import { describeError } from '../../ui/describe-error';

/**
 * Merges keys into the stored settings. Applied optimistically (a theme switch is instant), then replaced
 * by the core's answer, or rolled back with a toast when the core refuses.
 */
export async function saveSettings(client: ContractClient, patch: Partial<AppSettings>): Promise<boolean> {
  const { settings: before, setSettings } = useSettings.getState();
  if (before) setSettings({ ...before, ...patch });
  try {
    setSettings(await client.settings.update(patch));
    return true;
  } catch (error) {
    if (before) setSettings(before);
    toast.error('Could not save settings', { description: describeError(error) });
    return false;
  }
}

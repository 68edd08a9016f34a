import type { AppSettings } from '@shared/contract/settings';
import { toast } from 'sonner';
import { useSettings } from '../../stores/settings-store';
import { client } from '../../transport/client';
import { describeError } from '../../ui/describe-error';

/** Merges keys into the stored settings; the store takes the core's answer (and the event that follows). */
export async function saveSettings(patch: Partial<AppSettings>): Promise<boolean> {
  try {
    useSettings.getState().setSettings(await client.settings.update(patch));
    return true;
  } catch (error) {
    toast.error('Could not save settings', { description: describeError(error) });
    return false;
  }
}

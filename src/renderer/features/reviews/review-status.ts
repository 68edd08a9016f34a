import type { PullReview } from '@shared/contract/reviews';
import type { Tone } from '../../ui/badge';

const STATUS: Record<PullReview['status'], { label: string; tone: Tone }> = {
  AGENT_WORKING: { label: 'Agent reviewing', tone: 'info' },
  READY: { label: 'Draft', tone: 'accent' },
  UNREADABLE: { label: 'Needs you', tone: 'warn' },
  SUBMITTED: { label: 'Submitted', tone: 'ok' },
};

/** How a review's status reads on its badge. */
export function reviewStatusLabel(status: PullReview['status']): { label: string; tone: Tone } {
  return STATUS[status];
}

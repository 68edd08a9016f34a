import type { SessionLogEntry } from '../../shared/contract/sessions';
import { readProposedReview } from './review-comments';
import type { PullReviewPatch, PullReviewRow } from './reviews-repository';

const MAX_AGENT_TEXT = 100_000;

/**
 * The agent's text in the last turn of `entries` (a page that holds the whole last turn), or null while that
 * turn has not ended (no `status` entry after its prompt).
 */
export function lastTurnText(entries: readonly SessionLogEntry[]): string | null {
  let promptAt = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'prompt') promptAt = i;
  });
  const turn = entries.slice(promptAt + 1);
  if (promptAt < 0 || !turn.some((e) => e.kind === 'status')) return null;
  let text = '';
  for (const entry of turn) {
    if (entry.kind !== 'update') continue;
    const u = entry.payload as { sessionUpdate?: string; content?: { type?: string; text?: string } };
    if (u.sessionUpdate === 'agent_message_chunk' && u.content?.type === 'text') text += u.content.text ?? '';
  }
  return text;
}

/**
 * What the end of an agent's turn changes on a review: the agent's text always; the draft when it could be
 * read and either the user has not edited it or `replace` says to. A message that cannot be read leaves the
 * draft as it was and says why (UNREADABLE while there is no draft yet).
 */
export function readAgentProposal(row: PullReviewRow, text: string, replace: boolean): PullReviewPatch {
  const agentText =
    text.length > MAX_AGENT_TEXT
      ? `${text.slice(0, MAX_AGENT_TEXT)}\n[cut at ${MAX_AGENT_TEXT} characters]`
      : text;
  const proposal = readProposedReview(text);
  if (!proposal.ok) {
    const noDraft = row.status === 'AGENT_WORKING' || row.status === 'UNREADABLE';
    return { agentText, readProblem: proposal.error, status: noDraft ? 'UNREADABLE' : row.status };
  }
  const { summary, verdict, comments, skipped } = proposal.value;
  if (row.edited && !replace) return { agentText, readProblem: skipped };
  return { agentText, readProblem: skipped, summary, verdict, comments, edited: false, status: 'READY' };
}

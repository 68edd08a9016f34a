import { describe, expect, it } from 'vitest';
import type { SessionLogEntry } from '../../shared/contract/sessions';
import { lastTurnText, readAgentProposal } from './review-agent-turn';
import type { PullReviewRow } from './reviews-repository';

let seq = 0;
const entry = (kind: SessionLogEntry['kind'], payload: unknown): SessionLogEntry => ({
  sessionId: 's',
  seq: ++seq,
  kind,
  payload,
  at: 0,
});
const chunk = (text: string) =>
  entry('update', { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } });
const thought = (text: string) =>
  entry('update', { sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text } });
const block = (comments: unknown[]) =>
  `\`\`\`review-comments\n${JSON.stringify({ summary: 'S', comments })}\n\`\`\``;

const row = (patch: Partial<PullReviewRow>) =>
  ({ status: 'AGENT_WORKING', edited: false, ...patch }) as PullReviewRow;

describe('lastTurnText', () => {
  it("joins the agent's message of the last turn only, once it has ended", () => {
    const entries = [
      entry('prompt', {}),
      chunk('old'),
      entry('status', {}),
      entry('prompt', {}),
      thought('thinking'),
      chunk('new '),
      chunk('text'),
    ];
    expect(lastTurnText(entries)).toBeNull();
    expect(lastTurnText([...entries, entry('status', {})])).toBe('new text');
    expect(lastTurnText([chunk('no prompt'), entry('status', {})])).toBeNull();
  });
});

describe('readAgentProposal', () => {
  const comment = { path: 'a.ts', line: 1, body: 'b' };

  it('makes a READY draft from a readable message', () => {
    expect(readAgentProposal(row({}), block([comment]), false)).toEqual({
      agentText: block([comment]),
      readProblem: null,
      summary: 'S',
      verdict: 'COMMENT',
      comments: [comment],
      edited: false,
      status: 'READY',
    });
  });

  it("keeps the user's edits unless asked to replace them", () => {
    const edited = row({ status: 'READY', edited: true });
    expect(readAgentProposal(edited, block([comment]), false)).toEqual({
      agentText: block([comment]),
      readProblem: null,
    });
    expect(readAgentProposal(edited, block([comment]), true)).toMatchObject({
      comments: [comment],
      edited: false,
    });
  });

  it('is UNREADABLE only while there is no draft; a draft stays as it was', () => {
    expect(readAgentProposal(row({}), 'no block', false)).toMatchObject({ status: 'UNREADABLE' });
    expect(readAgentProposal(row({ status: 'READY' }), 'no block', true)).toMatchObject({
      status: 'READY',
      readProblem: expect.stringMatching(/no ```review-comments block/),
    });
  });
});

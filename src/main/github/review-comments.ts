import { type ReviewComment as Comment, ReviewComment, ReviewVerdict } from '../../shared/contract/reviews';
import { err, ok, type Result } from '../../shared/lib/result';

/** The info string of the fenced block the review prompt asks the agent to end with. */
export const COMMENTS_FENCE = 'review-comments';

export interface ProposedReview {
  summary: string;
  verdict: ReviewVerdict;
  comments: Comment[];
  /** Entries that were left out (wrong shape), said plainly; null when every entry was read. */
  skipped: string | null;
}

interface FencedBlock {
  info: string;
  body: string;
}

/** Fenced code blocks (``` or ~~~, three or more) in order; an unclosed one runs to the end, as markdown does. */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] as string;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) break;
      body.push(line);
    }
    blocks.push({ info: (open[2] ?? '').trim(), body: body.join('\n') });
    i = j;
  }
  return blocks;
}

/**
 * Reads the review an agent proposed from its final message: the last ```review-comments block (or, failing
 * that, the last ```json block holding `comments`), as `{ summary, verdict?, comments: [{ path, line, body }] }`
 * or a bare array of comments. Tolerant of what agents do: a line given as "12", a verdict in lower case,
 * comments of the wrong shape (left out and named). Fails with a sentence when nothing can be read.
 */
export function readProposedReview(text: string): Result<ProposedReview, string> {
  const blocks = fencedBlocks(text);
  const block =
    blocks.filter((b) => b.info.split(/\s+/)[0] === COMMENTS_FENCE).at(-1) ??
    blocks.filter((b) => /^json\b/i.test(b.info) && /"comments"\s*:/.test(b.body)).at(-1);
  if (!block) {
    return err(`The agent's last message has no \`\`\`${COMMENTS_FENCE} block with its proposed comments.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(block.body);
  } catch (error) {
    return err(`The agent's comments block is not valid JSON (${(error as Error).message}).`);
  }
  const root = Array.isArray(data) ? { comments: data } : data;
  if (!root || typeof root !== 'object' || !Array.isArray((root as { comments?: unknown }).comments)) {
    return err('The agent\'s comments block is not an object with a "comments" list.');
  }
  const { summary, verdict, comments } = root as {
    summary?: unknown;
    verdict?: unknown;
    comments: unknown[];
  };
  const read: Comment[] = [];
  const skipped: string[] = [];
  comments.forEach((entry, index) => {
    const candidate =
      entry && typeof entry === 'object'
        ? { ...entry, line: lineOf((entry as { line?: unknown }).line) }
        : entry;
    const parsed = ReviewComment.safeParse(candidate);
    if (parsed.success) read.push(parsed.data);
    else skipped.push(`comment ${index + 1} (${parsed.error.issues[0]?.message ?? 'wrong shape'})`);
  });
  const wanted =
    typeof verdict === 'string'
      ? verdict
          .trim()
          .toUpperCase()
          .replace(/[\s-]+/g, '_')
      : '';
  return ok({
    summary: typeof summary === 'string' ? summary.trim() : '',
    verdict: ReviewVerdict.safeParse(wanted).data ?? 'COMMENT',
    comments: read,
    skipped: skipped.length ? `Left out ${skipped.join(', ')}.` : null,
  });
}

function lineOf(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

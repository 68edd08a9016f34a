import { describe, expect, it } from 'vitest';
import { fencedBlocks, readProposedReview } from './review-comments';

const block = (json: string, info = 'review-comments') =>
  `Looks fine overall.\n\n\`\`\`${info}\n${json}\n\`\`\`\n`;

describe('readProposedReview', () => {
  it('reads summary, verdict and comments from the last review-comments block', () => {
    const text = `${block('{"summary":"old","comments":[]}')}\nOn second thought:\n${block(
      JSON.stringify({
        summary: ' Two issues. ',
        verdict: 'request changes',
        comments: [
          { path: 'src/a.ts', line: 12, body: 'Off by one' },
          { path: 'src/b.ts', line: '3', body: 'Unused' },
        ],
      }),
    )}`;
    expect(readProposedReview(text)).toEqual({
      ok: true,
      value: {
        summary: 'Two issues.',
        verdict: 'REQUEST_CHANGES',
        comments: [
          { path: 'src/a.ts', line: 12, body: 'Off by one' },
          { path: 'src/b.ts', line: 3, body: 'Unused' },
        ],
        skipped: null,
      },
    });
  });

  it('accepts a bare array and a json block holding comments; an unknown verdict is COMMENT', () => {
    const bare = readProposedReview(block('[{"path":"a.md","line":1,"body":"typo"}]'));
    expect(bare.ok && bare.value).toMatchObject({
      summary: '',
      verdict: 'COMMENT',
      comments: [{ path: 'a.md' }],
    });
    const json = readProposedReview(
      block('{"verdict":"LGTM","comments":[{"path":"x","line":2,"body":"y"}]}', 'json'),
    );
    expect(json.ok && json.value).toMatchObject({ verdict: 'COMMENT', comments: [{ path: 'x', line: 2 }] });
  });

  it('leaves out comments of the wrong shape and says which', () => {
    const read = readProposedReview(
      block(
        JSON.stringify({
          comments: [
            { path: 'ok.ts', line: 1, body: 'fine' },
            { path: '../etc/passwd', line: 1, body: 'escape' },
            { path: 'a.ts', line: 0, body: 'zero' },
            { path: 'a.ts', line: 2, body: '   ' },
            'not an object',
          ],
        }),
      ),
    );
    expect(read.ok && read.value.comments).toEqual([{ path: 'ok.ts', line: 1, body: 'fine' }]);
    expect(read.ok && read.value.skipped).toMatch(
      /^Left out comment 2 \(.*inside the repository\), comment 3/,
    );
  });

  it('fails with a sentence on no block, bad JSON or a wrong root', () => {
    expect(readProposedReview('All good, no comments.')).toEqual({
      ok: false,
      error: expect.stringMatching(/no ```review-comments block/),
    });
    expect(readProposedReview(block('{"summary": "x", comments: [}'))).toEqual({
      ok: false,
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(readProposedReview(block('{"summary":"x"}'))).toEqual({
      ok: false,
      error: expect.stringMatching(/"comments" list/),
    });
  });
});

describe('fencedBlocks', () => {
  it('closes a fence only with the same character and at least its length', () => {
    const text = '````review-comments\n```\ninner\n```\n````\n~~~\ntilde\n~~~';
    expect(fencedBlocks(text)).toEqual([
      { info: 'review-comments', body: '```\ninner\n```' },
      { info: '', body: 'tilde' },
    ]);
  });
});

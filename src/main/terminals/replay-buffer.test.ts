import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay-buffer';

const append = (buffer: ReplayBuffer, text: string) => buffer.append(text, Buffer.byteLength(text));

describe('ReplayBuffer', () => {
  it('keeps everything under the cap, untruncated', () => {
    const buffer = new ReplayBuffer(1024);
    append(buffer, 'hello\r\n');
    append(buffer, '\x1b[32mworld\x1b[0m');
    expect(buffer.snapshot()).toBe('hello\r\n\x1b[32mworld\x1b[0m');
    expect(buffer.truncated).toBe(false);
  });

  it('stays within the cap and restarts after a line break, never inside an escape sequence', () => {
    const buffer = new ReplayBuffer(4096);
    for (let i = 0; i < 2000; i++) {
      // Chunks split escape sequences and lines at arbitrary points, like PTY reads do.
      append(buffer, `\x1b[3${i % 8}mline ${i}\x1b[0`);
      append(buffer, 'm tail\r\n');
    }
    expect(buffer.bytes).toBeLessThanOrEqual(4096);
    expect(buffer.truncated).toBe(true);
    const snapshot = buffer.snapshot();
    expect(snapshot.startsWith('\x1b[3')).toBe(true);
    expect(snapshot.endsWith('line 1999\x1b[0m tail\r\n')).toBe(true);
    expect(Buffer.byteLength(snapshot)).toBe(buffer.bytes);
  });

  it('cuts before an escape when a long run has no line break, and never splits a surrogate pair', () => {
    const buffer = new ReplayBuffer(64);
    append(buffer, 'x'.repeat(40));
    append(buffer, `${'😀'.repeat(10)}\x1b[1mbold`);
    append(buffer, 'y'.repeat(30));
    const snapshot = buffer.snapshot();
    expect(snapshot.startsWith('\x1b[1mbold')).toBe(true);
    expect(buffer.bytes).toBeLessThanOrEqual(64);

    const emoji = new ReplayBuffer(16);
    append(emoji, 'a'.repeat(12));
    append(emoji, '😀'.repeat(8));
    const text = emoji.snapshot();
    expect(text.charCodeAt(0) >= 0xdc00 && text.charCodeAt(0) <= 0xdfff).toBe(false);
    expect(Buffer.byteLength(text)).toBe(emoji.bytes);
  });

  it('replays sticky modes set in trimmed output first, so the tail lands on the right screen', () => {
    const buffer = new ReplayBuffer(256);
    append(buffer, '\x1b[?1049h\x1b[?2004h\x1b[?25l');
    for (let i = 0; i < 50; i++) append(buffer, `frame ${i}\r\n`);
    const snapshot = buffer.snapshot();
    expect(buffer.truncated).toBe(true);
    expect(snapshot.startsWith('\x1b[?1049h\x1b[?2004h\x1b[?25l')).toBe(true);
    expect(snapshot).toContain('frame 49');
    expect(snapshot).not.toContain('frame 0\r\n');
  });

  it('remembers the last state of a mode (left the alternate screen)', () => {
    const buffer = new ReplayBuffer(128);
    append(buffer, '\x1b[?1049h vim \x1b[?1049l\r\n');
    for (let i = 0; i < 30; i++) append(buffer, `shell ${i}\r\n`);
    expect(buffer.snapshot().startsWith('\x1b[?1049l')).toBe(true);
  });
});

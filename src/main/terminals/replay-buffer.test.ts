import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay-buffer';

const append = (buffer: ReplayBuffer, text: string) => buffer.append(Buffer.from(text));
const text = (buffer: ReplayBuffer) => buffer.snapshot().toString();

describe('ReplayBuffer', () => {
  it('keeps everything under the cap, untruncated', () => {
    const buffer = new ReplayBuffer(1024);
    append(buffer, 'hello\r\n');
    append(buffer, '\x1b[32mworld\x1b[0m');
    expect(text(buffer)).toBe('hello\r\n\x1b[32mworld\x1b[0m');
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
    const snapshot = text(buffer);
    expect(snapshot.startsWith('\x1b[3')).toBe(true);
    expect(snapshot.endsWith('line 1999\x1b[0m tail\r\n')).toBe(true);
    expect(buffer.snapshot().length).toBe(buffer.bytes);
  });

  it('cuts before an escape when a long run has no line break, and never starts inside a character', () => {
    const buffer = new ReplayBuffer(64);
    append(buffer, 'x'.repeat(40));
    append(buffer, `${'😀'.repeat(10)}\x1b[1mbold`);
    append(buffer, 'y'.repeat(30));
    const snapshot = text(buffer);
    expect(snapshot.startsWith('\x1b[1mbold')).toBe(true);
    expect(buffer.bytes).toBeLessThanOrEqual(64);

    const emoji = new ReplayBuffer(16);
    append(emoji, 'a'.repeat(12));
    append(emoji, '😀'.repeat(8));
    const bytes = emoji.snapshot();
    expect(bytes[0]! & 0xc0, 'not a UTF-8 continuation byte').not.toBe(0x80);
    expect(bytes.toString()).toMatch(/^😀+$/u);
    expect(bytes.length).toBe(emoji.bytes);
  });

  it('replays sticky modes set in trimmed output first, so the tail lands on the right screen', () => {
    const buffer = new ReplayBuffer(256);
    append(buffer, '\x1b[?1049h\x1b[?2004h\x1b[?25l');
    for (let i = 0; i < 50; i++) append(buffer, `frame ${i}\r\n`);
    const snapshot = text(buffer);
    expect(buffer.truncated).toBe(true);
    expect(snapshot.startsWith('\x1b[?1049h\x1b[?2004h\x1b[?25l')).toBe(true);
    expect(snapshot).toContain('frame 49');
    expect(snapshot).not.toContain('frame 0\r\n');
  });

  it('remembers the last state of a mode (left the alternate screen)', () => {
    const buffer = new ReplayBuffer(128);
    append(buffer, '\x1b[?1049h vim \x1b[?1049l\r\n');
    for (let i = 0; i < 30; i++) append(buffer, `shell ${i}\r\n`);
    expect(text(buffer).startsWith('\x1b[?1049l')).toBe(true);
  });

  it('remembers a mode whose sequence a read split across two chunks', () => {
    const buffer = new ReplayBuffer(64);
    append(buffer, 'plain\r\n\x1b[?10');
    append(buffer, '49h full screen\r\n');
    for (let i = 0; i < 10; i++) append(buffer, `after ${i}\r\n`);
    expect(buffer.truncated).toBe(true);
    expect(text(buffer).startsWith('\x1b[?1049h')).toBe(true);
  });
});

import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { readPtyAsBytes } from './pty-bytes';

describe.skipIf(process.platform === 'win32')('readPtyAsBytes', () => {
  it('makes node-pty emit Buffers, keeping the terminal in UTF-8 mode', async () => {
    const pty = spawn(
      '/bin/sh',
      ['-c', "printf 'caf\\303\\251 \\342\\234\\223 '; stty -a | grep -o -- '-\\?iutf8'"],
      {
        cols: 80,
        rows: 24,
      },
    );
    expect(readPtyAsBytes(pty)).toBe(true);
    const chunks: unknown[] = [];
    pty.onData((data: unknown) => chunks.push(data));
    await new Promise((resolve) => pty.onExit(resolve));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
    expect(Buffer.concat(chunks as Buffer[]).toString()).toBe('café ✓ iutf8\r\n');
  });
});

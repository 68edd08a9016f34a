import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64';

describe('decodeBase64', () => {
  it('decodes UTF-8 bytes, including a character split across frames', () => {
    const bytes = new TextEncoder().encode('héllo ✓');
    const encode = (b: Uint8Array) => btoa(String.fromCharCode(...b));
    expect([...decodeBase64(encode(bytes))]).toEqual([...bytes]);
    // "é" is two bytes: a frame may end between them; the bytes still decode as sent.
    expect([...decodeBase64(encode(bytes.slice(0, 2)))]).toEqual([0x68, 0xc3]);
  });
});

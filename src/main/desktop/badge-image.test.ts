import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { badgeDotPng } from './badge-image';

/** The PNG's chunks, each checked against its CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body));
    out.push({ type: body.subarray(0, 4).toString('ascii'), data: body.subarray(4) });
    at += 12 + length;
  }
  return out;
}

describe('the taskbar badge image', () => {
  it('is a valid 16×16 RGBA PNG: a red dot, a white ring, transparent corners', () => {
    const png = badgeDotPng();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [header, data, end] = chunks(png);
    expect(header?.type).toBe('IHDR');
    expect(header?.data.readUInt32BE(0)).toBe(16);
    expect(header?.data.readUInt32BE(4)).toBe(16);
    expect([...(header?.data.subarray(8) ?? [])]).toEqual([8, 6, 0, 0, 0]);
    expect(end?.type).toBe('IEND');
    const pixels = inflateSync(data?.data ?? Buffer.alloc(0));
    expect(pixels.length).toBe(16 * (1 + 16 * 4));
    const pixel = (x: number, y: number) => [...pixels.subarray(y * 65 + 1 + x * 4, y * 65 + 5 + x * 4)];
    expect(pixel(8, 8)).toEqual([0xd9, 0x2d, 0x20, 0xff]);
    expect(pixel(8, 0)).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(pixel(0, 0)).toEqual([0, 0, 0, 0]);
  });
});

#!/usr/bin/env node
// Writes src/renderer/public/favicon.ico (16, 32 and 48 px) from the same shapes as favicon.svg: the brand
// "FF" in Black #0A0A0A on Factory Yellow #FFE500. Run after changing the SVG; the .ico is committed.
import { writeFileSync } from 'node:fs';

const YELLOW = [0xff, 0xe5, 0x00];
const BLACK = [0x0a, 0x0a, 0x0a];
// Rectangles [x0, y0, x1, y1] in the SVG's 512 × 512 box.
const F = [
  [96, 120, 152, 390],
  [96, 120, 246, 176],
  [96, 228, 216, 280],
];
const RECTS = [...F, ...F.map(([x0, y0, x1, y1]) => [x0 + 180, y0, x1 + 180, y1])];

const inside = (x, y) => RECTS.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1);

/** One BMP image (as ICO stores it: BITMAPINFOHEADER, bottom-up BGRA rows, then an all-opaque AND mask). */
function bitmap(size) {
  const samples = 4;
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8);
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let dark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((col + (sx + 0.5) / samples) * 512) / size;
          const y = ((row + (sy + 0.5) / samples) * 512) / size;
          if (inside(x, y)) dark++;
        }
      }
      const t = dark / (samples * samples);
      const [r, g, b] = YELLOW.map((c, i) => Math.round(c * (1 - t) + BLACK[i] * t));
      const at = 40 + ((size - 1 - row) * size + col) * 4;
      out[at] = b;
      out[at + 1] = g;
      out[at + 2] = r;
      out[at + 3] = 0xff;
    }
  }
  return out;
}

const images = [16, 32, 48].map((size) => ({ size, data: bitmap(size) }));
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach(({ size, data }, i) => {
  const entry = 6 + i * 16;
  header[entry] = size;
  header[entry + 1] = size;
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
const target = new URL('../src/renderer/public/favicon.ico', import.meta.url);
writeFileSync(target, Buffer.concat([header, ...images.map((image) => image.data)]));

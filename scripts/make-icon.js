#!/usr/bin/env node
// Draws the app and tray icons into resources/ (committed): two "F" glyphs. No image tools needed.
// - icon.png (512×512): black on Factory Yellow, the app icon.
// - trayTemplate.png / trayTemplate@2x.png (16/32 px): black on transparent; macOS tints template images
//   for light and dark menu bars.
// - tray.png / tray@2x.png (16/32 px): black on yellow, for Windows and Linux trays.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const YELLOW = [0xff, 0xe5, 0x00, 0xff];
const BLACK = [0x0a, 0x0a, 0x0a, 0xff];
const CLEAR = [0, 0, 0, 0];
// Rectangles [x, y, w, h] in a 512 × 512 box: an "F" is a stem, a top bar and a middle bar.
const rects = [];
for (const x of [96, 276]) rects.push([x, 120, 56, 272], [x, 120, 150, 56], [x, 228, 120, 52]);
const inside = (x, y) => rects.some(([rx, ry, w, h]) => x >= rx && x < rx + w && y >= ry && y < ry + h);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** An RGBA PNG of `size` px: each pixel is `ink` where the glyphs cover its centre, `paper` elsewhere. */
function png(size, ink, paper) {
  const row = size * 4 + 1;
  const raw = Buffer.alloc(row * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = inside(((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size) ? ink : paper;
      raw.set(colour, y * row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // truecolour with alpha
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icons = {
  'icon.png': png(512, BLACK, YELLOW),
  'trayTemplate.png': png(16, BLACK, CLEAR),
  'trayTemplate@2x.png': png(32, BLACK, CLEAR),
  'tray.png': png(16, BLACK, YELLOW),
  'tray@2x.png': png(32, BLACK, YELLOW),
};
for (const [name, data] of Object.entries(icons)) {
  writeFileSync(new URL(`../resources/${name}`, import.meta.url), data);
  console.log(`resources/${name}: ${data.length} bytes`);
}

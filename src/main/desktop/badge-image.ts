import { crc32, deflateSync } from 'node:zlib';

/**
 * The Windows taskbar badge: Windows has no badge count (`app.setBadgeCount` does nothing there), so the app
 * puts an overlay icon on its taskbar button, the way mail and chat apps do. This draws it: a 16×16 PNG of
 * a red dot with a white ring, made here so no image file has to ship for it. The count itself is the
 * overlay's description (read by screen readers) and the tray tooltip.
 */
export function badgeDotPng(size = 16): Buffer {
  const center = (size - 1) / 2;
  const outer = size / 2;
  const inner = outer - Math.max(1, size / 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA pixels
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - center, y - center);
      const pixel =
        distance <= inner
          ? [0xd9, 0x2d, 0x20, 0xff]
          : distance <= outer
            ? [0xff, 0xff, 0xff, 0xff]
            : [0, 0, 0, 0];
      Buffer.from(pixel).copy(row, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

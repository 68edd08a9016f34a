import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServeRecord, serveRecordPath, writeServeRecord } from './serve-record';

const posix = process.platform !== 'win32';

describe('serve.json', () => {
  it.runIf(posix)(
    'is written readable only by the user, never through a link planted at its temporary name',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-serve-record-'));
      const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), 'ff-elsewhere-')), 'collected');
      writeFileSync(elsewhere, '', { mode: 0o644 });
      // The temporary name the record used to be written under, pointing at a file someone else reads.
      symlinkSync(elsewhere, `${serveRecordPath(dir)}.${process.pid}.tmp`);

      const remove = writeServeRecord(dir, { host: '127.0.0.1', port: 4100, token: 'the-serve-token' });

      expect(readFileSync(elsewhere, 'utf8')).toBe('');
      expect(statSync(serveRecordPath(dir)).mode & 0o777).toBe(0o600);
      expect(statSync(serveRecordPath(dir)).isFile()).toBe(true);
      expect(readServeRecord(dir)).toMatchObject({ pid: process.pid, port: 4100, token: 'the-serve-token' });
      remove();
      expect(readServeRecord(dir)).toBeNull();
    },
  );
});

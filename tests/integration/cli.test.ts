import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/core-harness';
import { runFf, spawnFf } from '../helpers/ff-process';
import { openRpcSocket, openSocket, rawGet } from '../helpers/http';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** One line on stderr, and no stack trace. */
function expectOneLineError(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('ff command line', () => {
  it('serves with a token URL, refuses the WebSocket without it, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = makeTempDir();
    const ff = spawnFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    const [, url] = await ff.waitForLine(/running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
    const origin = new URL(url!).origin;
    expect((await openSocket(`${origin.replace('http', 'ws')}/rpc`)).status).toBe(401);
    (await openRpcSocket(url!)).close();
    expect(existsSync(path.join(dataDir, 'data.db'))).toBe(true);
    expect(readdirSync(path.join(dataDir, 'logs'))).toContain('main.log');
    expect(readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8')).not.toContain(
      new URL(url!).searchParams.get('token'),
    );

    ff.child.kill('SIGTERM');
    const { code } = await ff.exited;
    expect(code).toBe(0);
    expect(ff.stdout()).toContain('Shutting down');
    await expect(rawGet(`${origin}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('moves to the next port when the asked one is taken, and says so', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const ff = spawnFf(['serve', '--no-open', '--port', String(taken), '--data-dir', makeTempDir()]);
    await ff.waitForLine(/running at/);
    expect(ff.stdout()).toContain(`Port ${taken} is in use; using`);
    ff.child.kill('SIGINT');
    expect(await ff.exited).toEqual({ code: 0, signal: null });
    blocker.close();
  });

  it('fails in one line when the port stays busy', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const r = await runFf([
      'serve',
      '--no-open',
      '--strict-port',
      '--port',
      String(taken),
      '--data-dir',
      makeTempDir(),
    ]);
    blocker.close();
    expect(r.code).not.toBe(0);
    expectOneLineError(r.stderr);
    expect(r.stderr).toContain('in use');
  });

  it('rejects unknown flags and bad values in one line', async () => {
    const unknown = await runFf(['serve', '--bogus']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const badPort = await runFf(['serve', '--port', 'eighty']);
    expect(badPort.code).not.toBe(0);
    expect(badPort.stderr).toContain('must be a number');
  });

  it('refuses an unusable data folder in one line', async () => {
    const file = path.join(makeTempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const r = await runFf(['serve', '--no-open', '--port', '0', '--data-dir', file]);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr);
    expect(r.stderr).toContain('Cannot write the database');
  });

  it('refuses a corrupt database in one line and leaves it untouched', async () => {
    const dataDir = makeTempDir();
    const db = path.join(dataDir, 'data.db');
    writeFileSync(db, 'garbage that the user cares about');
    const before = sha(db);
    const r = await runFf(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr);
    expect(r.stderr).toContain('not a SQLite database');
    expect(sha(db)).toBe(before);
  });

  it('migrates, and resets only with confirmation, keeping a backup', async () => {
    const dataDir = makeTempDir();
    const migrated = await runFf(['db:migrate', '--data-dir', dataDir]);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/Applied \d+ migration/);
    expect((await runFf(['db:migrate', '--data-dir', dataDir])).stdout).toContain('up to date');

    const db = path.join(dataDir, 'data.db');
    const refused = await runFf(['db:reset', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect(readdirSync(dataDir).some((f) => f.includes('.reset-'))).toBe(false);

    const reset = await runFf(['db:reset', '--yes', '--data-dir', dataDir]);
    expect(reset.code).toBe(0);
    const backups = readdirSync(dataDir).filter((f) => /^data\.db\.reset-[\dTZ-]+$/.test(f));
    expect(backups).toHaveLength(1);
    expect(existsSync(db)).toBe(true);
  });
});

import { fork } from 'node:child_process';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { WebSocket } from 'ws';
import type { ContractClient } from '../src/shared/contract';

/**
 * A bench's renderer stand-in: a separate Node process holding one WebSocket connection to `ff serve`'s
 * `/rpc` for the whole run, as a browser tab or an Electron renderer does, so that the client's decoding and
 * store updates never share the core's event loop. The bench sends it jobs over IPC and gets results back.
 */

const CLIENT_ENV = 'FF_BENCH_CLIENT';

export interface ServerAddress {
  url: string;
  token: string;
}

export interface ClientProcess<Job, Result> {
  run(job: Job): Promise<Result>;
  stop(): Promise<void>;
}

/** Parent side: forks `moduleFile` as a client; the module must call `serveClientJobs` at load. */
export async function forkClient<Job, Result>(
  moduleFile: string,
  server: ServerAddress,
): Promise<ClientProcess<Job, Result>> {
  const child = fork(moduleFile, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.FF_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    ],
    env: { ...process.env, [CLIENT_ENV]: JSON.stringify(server) },
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench client exited (${code})`)));
  });
  exited.catch(() => {});
  const nextMessage = <T>() =>
    Promise.race([new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T))), exited]);
  await nextMessage<'ready'>();
  return {
    run(job: Job): Promise<Result> {
      const result = nextMessage<Result>();
      child.send(job as never);
      return result;
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send('done');
      await gone;
    },
  };
}

/**
 * Child side: when this process was forked by `forkClient`, connects and answers each job with `handle`,
 * one at a time. Does nothing in any other process.
 */
export function serveClientJobs<Job, Result>(
  handle: (client: ContractClient, job: Job, socket: WebSocket) => Promise<Result>,
): void {
  const server = process.env[CLIENT_ENV];
  if (!server || !process.send) return;
  connectClient(JSON.parse(server) as ServerAddress).then(
    ({ socket, client }) => {
      process.on('message', (job: Job | 'done') => {
        if (job === 'done') {
          socket.close();
          process.disconnect();
          return;
        }
        handle(client, job, socket).then(
          (result) => process.send!(result as never),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
      process.send!('ready');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** One authenticated WebSocket to the server's `/rpc`, and the contract client over it. */
export async function connectClient(
  server: ServerAddress,
): Promise<{ socket: WebSocket; client: ContractClient }> {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/rpc`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const client: ContractClient = createORPCClient(new RPCLink({ websocket: socket as never }));
  return { socket, client };
}

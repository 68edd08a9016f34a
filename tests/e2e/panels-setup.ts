import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import { expect, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import type { ContractClient } from '../../src/shared/contract';
import { expectOnline, serveUrl } from './support/app';
import { makeTempRepo } from './support/git-repo';

/**
 * Setup shared by the panels specs: the fixtures a panel needs (a provider running the fake agent, a
 * project, a READY workspace, a session) are made through the real contract over the serve-mode WebSocket,
 * so each spec spends its time in the panel it tests. The journey spec covers doing the same in the UI.
 */

const fakeAgent = path.resolve(import.meta.dirname, '../fixtures/fake-acp-agent/main.mjs');

export interface PanelsFixture {
  client: ContractClient;
  /** Deletes the workspace's sessions (stopping their agents), then disconnects. */
  close(): Promise<void>;
  repo: string;
  projectName: string;
  worktree: string;
  workspaceId: string;
  /** The provider id of the fake agent; its script is what `setScript` last wrote. */
  provider: string;
  setScript(script: unknown): void;
}

export async function connect(serve = serveUrl()): Promise<{ client: ContractClient; close(): void }> {
  const url = new URL(serve);
  const token = url.searchParams.get('token') ?? '';
  const socket = new WebSocket(`ws://${url.host}/rpc`, { headers: { Authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    client: createORPCClient(new RPCLink({ websocket: socket as never })),
    close: () => socket.close(),
  };
}

/** Registers the fake agent as the provider `<name>-agent`, driven by the script file `setScript` writes. */
export async function addFakeProvider(
  client: ContractClient,
  name: string,
): Promise<{ provider: string; setScript(script: unknown): void }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `ff-e2e-${name}-`));
  const scriptFile = path.join(scratch, 'agent-script.json');
  writeFileSync(scriptFile, '{}');
  const provider = `${name}-agent`;
  const current = await client.settings.get();
  await client.settings.update({
    providers: {
      ...current.providers,
      [provider]: {
        command: process.execPath,
        args: [fakeAgent],
        env: { FAKE_ACP_SCRIPT_FILE: scriptFile, FAKE_ACP_STATE_DIR: path.join(scratch, 'state') },
        // Its script and state are its own files: readable and writable inside the agent sandbox.
        sandbox: { writablePaths: [scratch] },
      },
    },
  });
  return { provider, setScript: (script) => writeFileSync(scriptFile, JSON.stringify(script)) };
}

/**
 * A provider named `name` running the fake agent, a project on a fresh repo, and a READY workspace, on the
 * shared `ff serve` (or the one at `serve`).
 */
export async function setUpWorkspace(name: string, serve = serveUrl()): Promise<PanelsFixture> {
  const { client, close } = await connect(serve);
  const { provider, setScript } = await addFakeProvider(client, name);
  const projectName = `${name}-${Date.now()}`;
  const repo = makeTempRepo(projectName);
  const project = await client.projects.add({ path: repo, name: projectName });
  const created = await client.workspaces.create({ projectId: project.id, name: `${name} work` });
  // Provisioning is external state (git, setup script): poll it with a deadline.
  await expect
    .poll(async () => (await client.workspaces.get({ id: created.id })).status, { timeout: 60_000 })
    .toBe('READY');
  const workspace = await client.workspaces.get({ id: created.id });
  return {
    client,
    // The specs share one ff serve: agents left running would fill its running-agent cap for later specs.
    close: async () => {
      for (const session of await client.sessions.list({ workspaceId: created.id })) {
        await client.sessions.delete({ sessionId: session.id });
      }
      close();
    },
    repo,
    projectName,
    worktree: workspace.worktreePath,
    workspaceId: workspace.id,
    provider,
    setScript,
  };
}

/** Opens the app on a workspace tab (`session/<id>`, `terminal/<id>` or `changes`) and waits until online. */
export async function openTab(page: Page, workspaceId: string, tab: string): Promise<void> {
  await page.goto(serveUrl());
  await expectOnline(page);
  await page.evaluate(`location.hash = ${JSON.stringify(`#/workspace/${workspaceId}/${tab}`)}`);
}

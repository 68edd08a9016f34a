import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CoreServices } from '../src/main/core-services';
import type { DomainEvent } from '../src/shared/contract/events';
import { makeRepo } from '../tests/fixtures/repo-builders';

/**
 * Seeds the session-open benchmark through the real services: a repo, a READY workspace, a custom provider
 * running the fake ACP agent, an empty session and one whose single turn produces `rounds` × 5 updates
 * (thought, markdown answer with code, tool call, its completion with output, an edit with a diff).
 */

const fakeAgent = path.resolve(import.meta.dirname, '../tests/fixtures/fake-acp-agent/main.mjs');

function bigTurn(rounds: number) {
  const steps = [];
  for (let r = 0; r < rounds; r++) {
    steps.push({
      text: `### Step ${r}\n\nUpdating **module ${r}**: the \`handler\` now validates input.\n\n\`\`\`ts\nexport function handler${r}(input: string) {\n  return input.trim();\n}\n\`\`\`\n`,
      thought: `Step ${r}: check callers of handler${r} before editing.`,
      toolCall: {
        toolCallId: `read-${r}`,
        title: `Read src/module-${r}.ts`,
        kind: 'read',
        status: 'in_progress',
      },
      toolCallUpdate: {
        toolCallId: `read-${r}`,
        status: 'completed',
        content: [{ type: 'content', content: { type: 'text', text: `export const value${r} = ${r};\n` } }],
      },
      diff: {
        toolCallId: `edit-${r}`,
        path: `/work/src/module-${r}.ts`,
        oldText: `export const value${r} = ${r};\n`,
        newText: `export const value${r} = ${r + 1};\n`,
      },
      ...(r % 100 === 0
        ? {
            plan: [
              { content: `Round ${r}`, priority: 'high', status: 'in_progress' },
              { content: 'Verify', priority: 'medium', status: 'pending' },
            ],
          }
        : {}),
    });
  }
  return { turns: [{ match: 'big', steps }] };
}

function waitFor(services: CoreServices, test: (event: DomainEvent) => boolean): Promise<DomainEvent> {
  return new Promise((resolve) => {
    const off = services.events.on((event: DomainEvent) => {
      if (!test(event)) return;
      off();
      resolve(event);
    });
  });
}

export interface Seeded {
  workspaceId: string;
  emptySessionId: string;
  bigSessionId: string;
  bigEntries: number;
}

export async function seed(services: CoreServices, dir: string, rounds: number): Promise<Seeded> {
  const repo = makeRepo();
  const scriptFile = path.join(dir, 'agent-script.json');
  writeFileSync(scriptFile, JSON.stringify(bigTurn(rounds)));
  services.settings.update({
    providers: {
      fake: {
        command: process.execPath,
        args: [fakeAgent],
        env: { FAKE_ACP_SCRIPT_FILE: scriptFile, FAKE_ACP_STATE_DIR: path.join(dir, 'agent-state') },
        sandbox: { writablePaths: [dir] },
      },
    },
  });

  const project = await services.projects.add({ path: repo, name: 'bench' });
  if (!project.ok) throw new Error(`bench project: ${JSON.stringify(project.error)}`);
  const ready = waitFor(
    services,
    (e) =>
      e.type === 'workspace.changed' && (e.workspace.status === 'READY' || e.workspace.status === 'FAILED'),
  );
  const created = await services.workspaces.create({
    projectId: project.value.id,
    name: 'session open bench',
  });
  if (!created.ok) throw new Error(`bench workspace: ${JSON.stringify(created.error)}`);
  const settled = await ready;
  if (settled.type !== 'workspace.changed' || settled.workspace.status !== 'READY') {
    throw new Error('bench workspace did not become READY');
  }
  const workspaceId = created.value.id;

  const empty = services.sessions.create({ workspaceId, provider: 'fake', title: 'empty' });
  if (!empty.ok) throw new Error(`bench session: ${JSON.stringify(empty.error)}`);
  const big = services.sessions.create({ workspaceId, provider: 'fake', title: 'big' });
  if (!big.ok) throw new Error(`bench session: ${JSON.stringify(big.error)}`);
  const bigId = big.value.id;

  let sawRunning = false;
  const finished = waitFor(services, (e) => {
    if (e.type !== 'session.changed' || e.session.id !== bigId) return false;
    if (e.session.status === 'RUNNING') sawRunning = true;
    return sawRunning && (e.session.status === 'IDLE' || e.session.status === 'ERROR');
  });
  const sent = services.sessions.prompt(bigId, 'big session please');
  if (!sent.ok) throw new Error(`bench prompt: ${JSON.stringify(sent.error)}`);
  await finished;

  const page = services.sessions.logPage(bigId, 0, 1);
  if (!page.ok) throw new Error('bench log');
  return { workspaceId, emptySessionId: empty.value.id, bigSessionId: bigId, bigEntries: page.value.lastSeq };
}

import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('a rejected permission that ends the turn (codex) shows the tool as not run and says why the turn ended', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const fx = await setUpWorkspace('turn-end');
  fx.setScript({
    default: [
      { toolCall: { toolCallId: 'run-1', title: 'Run the tests', kind: 'execute', status: 'in_progress' } },
      { permission: { toolCallId: 'run-1', title: 'Run the tests', kind: 'execute', cancelOnReject: true } },
      { text: 'Tests passed.' },
    ],
  });
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Turn end',
    permissionPreset: 'STRICT',
    prompt: 'run the tests',
  });
  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Turn end' });
  await expect(chat.getByRole('button', { name: 'Tool call Run the tests: Running' })).toBeVisible();

  const card = chat.getByRole('region', { name: 'Permission request: Run the tests' });
  await card.getByRole('button', { name: 'Reject' }).click();

  await expect(chat.getByText('Stopped after you declined “Run the tests”.')).toBeVisible();
  await expect(chat.getByRole('button', { name: 'Tool call Run the tests: Not run' })).toBeVisible();
  await expect(chat.getByRole('button', { name: 'Tool call Run the tests: Running' })).toHaveCount(0);
  await expect(chat.getByText('Turn stopped.')).toHaveCount(0);
  await expect(chat.getByText('You stopped the turn.')).toHaveCount(0);
  await fx.client.sessions.stop({ sessionId: session.id });
  await fx.close();
});

import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openTab, setUpWorkspace } from './panels-setup';

test('chat panel: streamed markdown, thought, tool calls with diff, plan, keyboard permission, commands, mode, queue, stop', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const fx = await setUpWorkspace('panels-chat');
  const readme = path.join(fx.worktree, 'README.md');
  fx.setScript({
    agent: {
      commands: [{ name: 'review', description: 'Review the branch', input: { hint: 'what to review' } }],
      modes: {
        currentModeId: 'code',
        availableModes: [
          { id: 'code', name: 'Code' },
          { id: 'plan', name: 'Plan only' },
        ],
      },
    },
    turns: [
      {
        match: 'explain',
        steps: [
          { thought: 'Looking at the README first.' },
          { chunks: { count: 12, text: 'streamed ', delayMs: 15 } },
          {
            text: '\n\n## Answer\n\nThe file is **fine**.\n\n```ts\nconst answer: number = 42;\n```\n\n| col | val |\n|---|---|\n| a | 1 |\n',
          },
          {
            plan: [
              { content: 'Read README', priority: 'high', status: 'completed' },
              { content: 'Edit README', priority: 'medium', status: 'in_progress' },
            ],
          },
          {
            toolCall: { toolCallId: 'read-1', title: 'Read README.md', kind: 'read', status: 'in_progress' },
          },
          {
            toolCallUpdate: {
              toolCallId: 'read-1',
              status: 'completed',
              content: [{ type: 'content', content: { type: 'text', text: '# readme body' } }],
            },
          },
          { diff: { path: readme, oldText: '# old title\n', newText: '# new title\n' } },
          { permission: { title: 'Run the tests', kind: 'execute' } },
          { text: 'Tests **passed**.' },
        ],
      },
      { match: 'long task', steps: [{ text: 'Started the long task.' }, { waitForCancel: true }] },
    ],
  });
  const session = await fx.client.sessions.create({
    workspaceId: fx.workspaceId,
    provider: fx.provider,
    title: 'Panels chat',
    permissionPreset: 'STRICT',
  });

  await openTab(page, fx.workspaceId, `session/${session.id}`);
  const chat = page.getByRole('region', { name: 'Chat: Panels chat' });
  const composer = chat.getByRole('form', { name: 'Send a message' });
  const message = composer.getByRole('combobox', { name: 'Message' });
  await expect(message).toBeEnabled();

  await test.step('a streamed answer renders as markdown with highlighted code', async () => {
    await message.fill('please explain the README');
    await message.press('Enter');
    await expect(chat.getByRole('article', { name: 'Your message' })).toContainText(
      'please explain the README',
    );
    const answer = chat.getByRole('article', { name: 'Agent message' }).first();
    await expect(answer).toContainText('streamed streamed');
    await expect(answer.getByRole('heading', { level: 2, name: 'Answer' })).toBeVisible();
    await expect(answer.locator('strong', { hasText: 'fine' })).toBeVisible();
    await expect(answer.getByRole('cell', { name: 'a', exact: true })).toBeVisible();
    // shiki is loaded on demand and colours the tokens.
    await expect(answer.locator('.ff-code-body span[style*="color"]').first()).toBeVisible();
  });

  await test.step('the permission card is answered from the keyboard', async () => {
    const card = chat.getByRole('region', { name: 'Permission request: Run the tests' });
    await expect(card.getByRole('button', { name: 'Always allow' })).toBeVisible();
    // The transcript follows new output while the reader is at the bottom.
    await expect(card).toBeInViewport();
    await shot('chat-permission');
    await card.focus();
    await page.keyboard.press('a');
    await expect(card.getByRole('status')).toHaveText('Always allowed');
    await expect(chat.getByText('permission: selected allow_always')).toBeVisible();
    await expect(chat.locator('strong', { hasText: 'passed' })).toBeVisible();
  });

  await test.step('the thought is collapsed until opened', async () => {
    const thought = chat.locator('details.ff-thought');
    await expect(thought).not.toHaveAttribute('open');
    await expect(chat.getByText('Looking at the README first.')).toHaveCount(0);
    await thought.getByText('Thought').click();
    await expect(chat.getByText('Looking at the README first.')).toBeVisible();
  });

  await test.step('tool calls show their status, output and diff; the plan is a checklist', async () => {
    await expect(chat.getByRole('region', { name: 'Plan, 1 of 2 done' })).toBeVisible();
    const read = chat.getByRole('button', { name: 'Tool call Read README.md: Done' });
    await expect(read).toBeVisible();
    await read.click();
    await expect(chat.getByText('# readme body')).toBeVisible();
    const diff = chat.getByRole('table', { name: `Diff of ${readme}` });
    await expect(diff).toContainText('# new title');
    await expect(diff.locator('tr.ff-diff-del')).toContainText('# old title');
  });

  await test.step('slash commands complete from what the agent offers; the mode picker switches modes', async () => {
    await message.fill('/re');
    const commands = composer.getByRole('listbox', { name: 'Commands' });
    await expect(commands.getByRole('option', { name: /^\/review(?!-)/ })).toBeVisible();
    await message.press('Enter');
    await expect(message).toHaveValue('/review ');
    await message.fill('');
    await chat.getByRole('combobox', { name: 'Mode' }).selectOption('plan');
    await expect(chat.getByRole('combobox', { name: 'Mode' })).toHaveValue('plan');
    await expect
      .poll(async () => (await fx.client.sessions.get({ sessionId: session.id })).modes.currentModeId)
      .toBe('plan');
  });

  await test.step('while a turn runs, prompts queue (editable, removable); Stop ends the turn and holds the queue', async () => {
    await message.fill('start the long task');
    await message.press('Enter');
    await expect(chat.getByText('Started the long task.')).toBeVisible();
    await message.fill('a follow-up');
    await composer.getByRole('button', { name: 'Queue' }).click();
    const queue = chat.getByRole('region', { name: 'Queued messages' });
    await expect(queue).toContainText('a follow-up');
    await queue.getByRole('button', { name: 'Edit queued message: a follow-up' }).click();
    await queue.getByRole('textbox', { name: 'Queued message' }).fill('an edited follow-up');
    await queue.getByRole('button', { name: 'Save' }).click();
    await expect(queue).toContainText('an edited follow-up');
    await shot('chat-queue');
    await queue.getByRole('button', { name: 'Remove queued message: an edited follow-up' }).click();
    await expect(queue).toHaveCount(0);
    await message.fill('after the stop');
    await composer.getByRole('button', { name: 'Queue' }).click();
    await expect(queue).toContainText('after the stop');
    await composer.getByRole('button', { name: 'Stop' }).click();
    await expect(chat.getByText('You stopped the turn.')).toBeVisible();
    await expect(composer.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    // Stopped means stopped: the queued message waits until the user lets it go.
    await expect(queue.getByRole('heading')).toContainText('on hold');
    await shot('chat-queue-held');
    await queue.getByRole('button', { name: 'Resume queue' }).click();
    await expect(chat.getByText('echo: after the stop')).toBeVisible();
    await expect(queue).toHaveCount(0);
  });

  await test.step('phone-sized viewport', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(message).toBeVisible();
    await shot('chat-phone');
  });
  await fx.close();
});

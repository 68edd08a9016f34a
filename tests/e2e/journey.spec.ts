import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { addProject, expectOnline, openApp } from './support/app';
import { git, makeTempRepo } from './support/git-repo';

const fakeAgent = path.resolve(import.meta.dirname, '../fixtures/fake-acp-agent/main.mjs');
const GREETING = 'Hello from the agent';

/** The fake agent's script: a markdown answer, a permission request, a file write; a turn that runs until stopped. */
function agentScript(worktree: string, release: string) {
  return {
    turns: [
      {
        match: 'greeting',
        steps: [
          { text: '## Plan\n\nI will write **hello.txt** with:\n\n```js\nconsole.log("hi");\n```\n\n' },
          {
            permission: {
              title: 'Write hello.txt',
              kind: 'edit',
              locations: [path.join(worktree, 'hello.txt')],
            },
          },
          { write: { path: path.join(worktree, 'hello.txt'), content: `${GREETING}\n` } },
          { text: 'All **done**.' },
        ],
      },
      {
        // Runs (WORKING) until the test drops the release file, then asks for permission (WAITING).
        match: 'keep working',
        steps: [
          { text: 'Working on it…' },
          { terminal: { command: 'sh', args: ['-c', `while [ ! -e '${release}' ]; do sleep 0.05; done`] } },
          { permission: { title: 'Run the test suite', kind: 'execute' } },
        ],
      },
    ],
  };
}

test('journey: project → workspace → chat with permission → changes → commit → terminal → board → reload → phone', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ff-e2e-journey-'));
  const scriptFile = path.join(scratch, 'agent-script.json');
  writeFileSync(scriptFile, '{}');
  const projectName = `journey-${Date.now()}`;
  const repo = makeTempRepo(projectName);

  await recordBrowserNotifications(page);

  await test.step('configure the fake agent as a custom provider in settings', async () => {
    await openApp(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const add = page.getByRole('form', { name: 'Add custom provider' });
    await add.getByLabel('Custom agent name').fill('fake');
    await add.getByRole('button', { name: 'Add custom agent' }).click();
    const provider = page.getByRole('form', { name: 'Provider fake' });
    await provider.getByLabel('Command').fill(process.execPath);
    await provider.getByLabel('Arguments (one per line)').fill(fakeAgent);
    for (const [index, [key, value]] of [
      ['FAKE_ACP_SCRIPT_FILE', scriptFile],
      ['FAKE_ACP_STATE_DIR', path.join(scratch, 'state')],
    ].entries()) {
      await provider.getByRole('button', { name: 'Add a variable to fake' }).click();
      await provider.getByLabel(`Name of variable ${index + 1}`).fill(key ?? '');
      await provider.getByLabel(`Value of ${key}`, { exact: true }).fill(value ?? '');
    }
    // Its script and state live in the scratch folder: its own state, writable inside the agent sandbox.
    await provider.getByLabel('Its own state folders, writable in the sandbox (one per line)').fill(scratch);
    await provider.getByRole('button', { name: 'Save fake' }).click();
    await expect(
      page.getByRole('form', { name: 'Provider fake' }).getByText('available', { exact: true }),
    ).toBeVisible();
    await shot('01-settings');
  });

  await test.step('add the project and create a workspace that goes READY', async () => {
    await addProject(page, repo, projectName);
    await page.getByRole('button', { name: 'New workspace', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `New workspace in ${projectName}` });
    await dialog.getByLabel('Task').fill('Add a greeting');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add a greeting' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Workspace Add a greeting' }).getByText('Workspace ready'),
    ).toBeAttached({ timeout: 60_000 });
    await shot('02-workspace-ready');
  });

  const worktree = (await page.locator('.worktree-path').textContent())?.trim() ?? '';
  expect(path.isAbsolute(worktree)).toBe(true);
  const release = path.join(scratch, 'release');
  writeFileSync(scriptFile, JSON.stringify(agentScript(worktree, release)));

  await test.step('start a session and get a streamed markdown answer with a permission card', async () => {
    await page.getByRole('button', { name: 'New session' }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Agent').selectOption('fake');
    await dialog.getByLabel('Permission preset').selectOption('STRICT');
    await dialog.getByRole('button', { name: 'Start session' }).click();
    const message = page.getByRole('form', { name: 'Send a message' }).getByLabel('Message');
    await expect(message).toBeEnabled();
    await page.getByRole('heading', { level: 1, name: 'Add a greeting' }).click();
    await page.keyboard.press('Alt+KeyC');
    await expect(message).toBeFocused();
    await sendPrompt(page, 'Please add a greeting');
    const chat = page.getByRole('region', { name: /^Chat/ });
    await expect(chat.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect(chat.locator('strong', { hasText: 'hello.txt' })).toBeVisible();
    await expect(chat.locator('pre code', { hasText: 'console.log' })).toBeVisible();
    const card = chat.getByRole('region', { name: 'Permission request: Write hello.txt' });
    await expect(card).toBeVisible();
    await shot('03-permission-card');
    await card.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect(chat.locator('strong', { hasText: 'done' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^fake session.*idle/ })).toBeVisible();
    await shot('04-answered');
  });

  await test.step('the written file shows in Changes with its diff, and commits', async () => {
    await page.getByRole('tab', { name: 'Changes' }).click();
    const files = page.getByRole('navigation', { name: 'Changed files' });
    await files.getByRole('button', { name: /^hello\.txt,/ }).click();
    await expect(page.getByRole('region', { name: 'Changes' }).getByText(GREETING)).toBeVisible();
    await shot('05-changes');
    await page.getByLabel('Commit message').fill('Add greeting');
    await page
      .getByRole('form', { name: 'Commit' })
      .getByRole('button', { name: /^Commit/ })
      .click();
    await expect.poll(() => git(worktree, 'log', '-1', '--format=%s')).toBe('Add greeting');
    await expect(files.getByRole('button', { name: /^hello\.txt,/ })).toBeVisible();
  });

  await test.step('open a terminal, run a command, see its output', async () => {
    await page.getByRole('button', { name: 'New terminal' }).click();
    const terminal = page.getByRole('region', { name: 'Terminal' });
    await expect(terminal).toHaveAttribute('data-phase', 'running');
    await terminal.locator('.xterm').click();
    await page.keyboard.type('echo "e2e-$((6*7))"');
    await page.keyboard.press('Enter');
    // xterm draws with WebGL here, so read the buffer through the panel's own search (typed text has no "42").
    await terminal.getByRole('button', { name: 'Search' }).click();
    const search = terminal.getByRole('searchbox', { name: 'Search terminal' });
    await expect(async () => {
      await search.fill('');
      await search.fill('e2e-42');
      await expect(terminal.getByText(/^1 of 1$/)).toBeVisible({ timeout: 1000 });
    }).toPass();
    await shot('06-terminal');
  });

  await test.step('the board shows the card moving Working → Waiting, and the inbox says why', async () => {
    await page.getByRole('tab', { name: /^fake session/ }).click();
    await sendPrompt(page, 'keep working please');
    await expect(page.getByRole('region', { name: /^Chat/ }).getByText('Working on it…')).toBeVisible();
    await openBoard(page, projectName);
    const card = page.getByRole('article', { name: 'Workspace Add a greeting' });
    await expect(
      column(page, 'Working').getByRole('article', { name: 'Workspace Add a greeting' }),
    ).toBeVisible();
    await expect(card.getByText('Agent working', { exact: true })).toBeVisible();
    await shot('07-board-working');
    writeFileSync(release, '');
    await expect(
      column(page, 'Waiting').getByRole('article', { name: 'Workspace Add a greeting' }),
    ).toBeVisible();
    await expect(card.getByText('Needs permission', { exact: true })).toBeVisible();
    await shot('08-board-waiting');

    await page.getByRole('button', { name: 'Inbox, 1 unread' }).click();
    await page
      .getByRole('dialog', { name: 'Inbox' })
      .getByRole('button', { name: /fake session needs permission/ })
      .click();
    expect(await page.evaluate(() => (globalThis as unknown as { shown: string[] }).shown)).toContain(
      'fake session needs permission',
    );
    const request = page.getByRole('region', { name: 'Permission request: Run the test suite' });
    await expect(request).toBeVisible();
    await request.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('tab', { name: /^fake session.*idle/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Inbox' })).toBeVisible();
  });

  await test.step('reload: everything is still there', async () => {
    await page.reload();
    await expectOnline(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Add a greeting' })).toBeVisible();
    const chat = page.getByRole('region', { name: /^Chat/ });
    await expect(chat.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect(chat.locator('strong', { hasText: 'done' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Terminal 1/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Changes' }).click();
    await expect(
      page.getByRole('navigation', { name: 'Changed files' }).getByRole('button', { name: /^hello\.txt,/ }),
    ).toBeVisible();
    await openBoard(page, projectName);
    await expect(
      column(page, 'Waiting').getByRole('article', { name: 'Workspace Add a greeting' }),
    ).toBeVisible();
    await shot('09-after-reload');
  });

  await test.step('phone-sized viewport: the board, and the sidebar as a drawer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
    await expect(
      column(page, 'Waiting').getByRole('article', { name: 'Workspace Add a greeting' }),
    ).toBeVisible();
    await shot('10-phone-board');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect(
      page.getByRole('list', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true }),
    ).toBeInViewport();
    await shot('11-phone-drawer');
  });
});

/** Serve mode alerts through the browser's Notification API: allow it, and record what is shown. */
async function recordBrowserNotifications(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications']);
  // A string, not a function: this file is type-checked for Node, without DOM types.
  await page.addInitScript({
    content: `(() => {
      const shown = [];
      const Original = window.Notification;
      class Recording extends Original {
        constructor(title, options) { super(title, options); shown.push(title); }
      }
      window.shown = shown;
      Object.defineProperty(window, 'Notification', { value: Recording, configurable: true });
    })();`,
  });
}

async function sendPrompt(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('form', { name: 'Send a message' });
  await composer.getByLabel('Message').fill(text);
  await composer.getByRole('button', { name: 'Send' }).click();
}

async function openBoard(page: Page, projectName: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Projects' })
    .getByRole('button', { name: projectName, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
}

function column(page: Page, title: string) {
  return page.getByRole('region', { name: new RegExp(`^${title}`) });
}

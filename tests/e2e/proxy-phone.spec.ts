import { expect, type Page, test } from '@playwright/test';
import { setUpWorkspace } from './panels-setup';
import { attachScreenshot, layoutProblems, PHONE } from './support/phone';
import { type RunningProxy, startPrivateProxy } from './support/proxy';

test.use(PHONE);

/** Each screen of the phone flow: screenshot attached, nothing wider than the viewport, targets ≥ 44 px. */
async function checkScreen(page: Page, name: string) {
  await attachScreenshot(page, test.info(), name);
  const problems = await layoutProblems(page);
  expect.soft(problems, `layout problems on the ${name} screen`).toEqual({
    wide: [],
    sideways: [],
    small: [],
    clipped: [],
  });
}

let proxy: RunningProxy;

test.beforeAll(async () => {
  const dataDir = process.env.FF_E2E_DATA_DIR;
  if (!dataDir) throw new Error('FF_E2E_DATA_DIR is not set: run the e2e tests through playwright.config.ts');
  proxy = await startPrivateProxy(dataDir);
});

test.afterAll(async () => {
  await proxy?.stop();
});

test('on a phone through ff proxy --private: sign in, open a workspace from the board, answer a permission, read the reply', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const fx = await setUpWorkspace('proxy-phone');
  try {
    fx.setScript({
      turns: [
        {
          match: 'deploy',
          steps: [
            { text: 'Deploying to staging needs your approval.' },
            { permission: { title: 'Deploy to staging', kind: 'execute' } },
            { text: 'Deployed **staging** without errors.' },
          ],
        },
      ],
    });
    await fx.client.sessions.create({
      workspaceId: fx.workspaceId,
      provider: fx.provider,
      title: 'Phone chat',
      permissionPreset: 'STRICT',
    });

    await test.step('the app is behind the sign-in page; a wrong password is refused', async () => {
      await page.goto(`${proxy.gateUrl}/`);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole('heading', { name: 'Factory Factory' })).toBeVisible();
      await checkScreen(page, 'sign-in');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).tap();
      await expect(page.getByRole('alert')).toHaveText('Wrong password.');
      await checkScreen(page, 'sign-in-wrong-password');
    });

    await test.step('the printed password signs in and opens the app', async () => {
      await page.getByLabel('Password').fill(proxy.password);
      await page.getByRole('button', { name: 'Sign in' }).tap();
      await expect(page.getByRole('status', { name: 'Connection online' })).toBeVisible();
      expect(page.url()).not.toContain('token');
      const cookies = await page.context().cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toContainEqual([
        '__Host-ff-session',
        true,
        true,
        'Strict',
      ]);
    });

    await test.step('the board shows the workspace; it opens with a tap', async () => {
      await page.getByRole('button', { name: 'Open navigation' }).tap();
      await page
        .getByRole('list', { name: 'Projects' })
        .getByRole('button', { name: fx.projectName, exact: true })
        .tap();
      const card = page.getByRole('article', { name: 'Workspace proxy-phone work' });
      await expect(card).toBeVisible();
      await expect(page.locator('#sidebar')).not.toBeInViewport();
      await checkScreen(page, 'board');
      await card.getByRole('button', { name: 'Open proxy-phone work' }).tap();
    });

    const chat = page.getByRole('region', { name: 'Chat: Phone chat' });
    await test.step('the chat: a message from the phone, a permission card answered with a tap', async () => {
      await expect(chat).toBeVisible();
      const message = chat
        .getByRole('form', { name: 'Send a message' })
        .getByRole('combobox', { name: 'Message' });
      await expect(message).toBeEnabled();
      await checkScreen(page, 'workspace-chat');
      // The on-screen keyboard: Chrome shrinks the page (interactive-widget=resizes-content); the composer
      // stays above it and the chat takes the screen while one types.
      await message.tap();
      await page.setViewportSize({ width: 390, height: 500 });
      await expect(chat.locator('.ff-chat-head')).toBeHidden();
      const composer = await chat.getByRole('form', { name: 'Send a message' }).boundingBox();
      expect(composer!.y + composer!.height).toBeLessThanOrEqual(500);
      await checkScreen(page, 'composing-with-keyboard');
      await message.fill('please deploy');
      await chat.getByRole('button', { name: 'Send' }).tap();
      await page.setViewportSize(PHONE.viewport);
      const card = chat.getByRole('region', { name: 'Permission request: Deploy to staging' });
      await expect(card.getByRole('button', { name: 'Allow', exact: true })).toBeVisible();
      await card.scrollIntoViewIfNeeded();
      await checkScreen(page, 'permission-card');
      await card.getByRole('button', { name: 'Allow', exact: true }).tap();
      await expect(card.getByRole('status')).toHaveText('Allowed');
    });

    await test.step('the reply is readable', async () => {
      await expect(chat.locator('strong', { hasText: 'staging' })).toBeVisible();
      await expect(chat.getByText('Deployed staging without errors.')).toBeVisible();
      await checkScreen(page, 'reply');
    });

    await test.step('quick actions and the secondary workspace actions are menus of the toolbar', async () => {
      await page.getByRole('button', { name: 'Quick actions' }).tap();
      const quick = page.getByRole('menu', { name: 'Quick actions' });
      await expect(quick.getByRole('menuitem', { name: 'Review changes' })).toBeFocused();
      await checkScreen(page, 'quick-actions-menu');
      await page.keyboard.press('Escape');
      await expect(quick).toBeHidden();
      await page.getByRole('button', { name: 'More', exact: true }).tap();
      const more = page.getByRole('menu', { name: 'More' });
      await expect(more.getByRole('menuitem', { name: 'Iterate until green…' })).toBeVisible();
      await more.getByRole('menuitem', { name: 'Schedules…' }).tap();
      const schedules = page.getByRole('dialog', { name: /^Schedules of / });
      await expect(schedules).toBeVisible();
      await checkScreen(page, 'schedules');
      await schedules.getByRole('button', { name: 'Close dialog' }).tap();
      await expect(schedules).toBeHidden();
    });

    await test.step('a terminal is view only on the phone until typing is allowed', async () => {
      await page.getByRole('button', { name: 'New terminal' }).tap();
      const terminal = page.getByRole('region', { name: 'Terminal' });
      await expect(terminal).toHaveAttribute('data-view-only', 'true');
      await expect(terminal.locator('.xterm-helper-textarea')).toHaveJSProperty('readOnly', true);
      await checkScreen(page, 'terminal-view-only');
      const allow = terminal.getByRole('button', { name: 'View only: allow typing' });
      await allow.tap();
      await expect(terminal).toHaveAttribute('data-view-only', 'false');
      await expect(terminal.getByRole('button', { name: 'Typing on' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expect(terminal.locator('.xterm-helper-textarea')).toHaveJSProperty('readOnly', false);
      await page.getByRole('button', { name: /^Close terminal/ }).tap();
    });

    await test.step('the notifications inbox fits the phone', async () => {
      await page.getByRole('button', { name: /^Inbox/ }).tap();
      await expect(page.getByRole('dialog', { name: 'Inbox' })).toBeVisible();
      await checkScreen(page, 'inbox');
      await page.keyboard.press('Escape');
    });

    await test.step('signing out everywhere from the settings ends the session', async () => {
      await page.getByRole('button', { name: 'Settings' }).tap();
      const remote = page.getByRole('region', { name: 'Remote access' });
      await expect(remote).toBeVisible();
      await remote.scrollIntoViewIfNeeded();
      await checkScreen(page, 'settings-remote-access');
      await remote.getByRole('button', { name: 'Sign out everywhere' }).tap();
      await expect(page).toHaveURL(/\/login$/);
      await page.goto(`${proxy.gateUrl}/`);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByLabel('Password')).toBeVisible();
    });
  } finally {
    await fx.close();
  }
});

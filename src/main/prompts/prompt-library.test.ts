import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-root';
import { createMemoryLogger } from '../logging/logger';
import { PROJECT_PROMPTS_DIR, PromptLibrary } from './prompt-library';

const made: string[] = [];
const libraries: PromptLibrary[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-prompts-'));
  made.push(dir);
  return dir;
}

function write(dir: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

async function library(builtinDir: string, userDir: string, watch = false): Promise<PromptLibrary> {
  const lib = new PromptLibrary({ builtinDir, userDir, logger: createMemoryLogger(), watch });
  libraries.push(lib);
  await lib.start();
  return lib;
}

/** Resolves once `check` holds, re-checking after each reload the library reports. */
function afterReloads(lib: PromptLibrary, check: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('prompts did not reload')), 10_000);
    const off = lib.onChanged(() => {
      void check().then((done) => {
        if (!done) return;
        clearTimeout(timer);
        off();
        resolve();
      }, reject);
    });
  });
}

afterEach(async () => {
  await Promise.all(libraries.splice(0).map((l) => l.dispose()));
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PromptLibrary', () => {
  it('overrides by file name: built-in < user data folder < project', async () => {
    const builtin = tempDir();
    const user = tempDir();
    const project = tempDir();
    write(builtin, 'quick-actions/a.md', 'built-in a on {{branch}}');
    write(builtin, 'quick-actions/b.md', 'built-in b');
    write(builtin, 'quick-actions/c.md', 'built-in c');
    write(user, 'prompts/quick-actions/b.md', 'user b');
    write(user, 'prompts/quick-actions/c.md', 'user c');
    write(user, 'prompts/quick-actions/extra.md', '---\ntitle: Extra\n---\nuser extra');
    write(project, `${PROJECT_PROMPTS_DIR}/quick-actions/c.md`, 'project c');
    const lib = await library(builtin, path.join(user, 'prompts'));

    const text = async (id: string, projectPath?: string) => {
      const rendered = await lib.render(id, { branch: 'main' }, { projectPath });
      return rendered.ok ? rendered.value.text : rendered.error;
    };
    expect(await text('quick-actions/a')).toBe('built-in a on main');
    expect(await text('quick-actions/b')).toBe('user b');
    expect(await text('quick-actions/c')).toBe('user c');
    expect(await text('quick-actions/c', project)).toBe('project c');
    expect(await text('quick-actions/extra')).toBe('user extra');
    expect(await text('quick-actions/none')).toEqual({
      code: 'NOT_FOUND',
      entity: 'prompt',
      id: 'quick-actions/none',
    });
    const listed = await lib.list(project);
    expect(listed.prompts.map((p) => [p.id, p.source])).toEqual([
      ['quick-actions/a', 'builtin'],
      ['quick-actions/b', 'user'],
      ['quick-actions/c', 'project'],
      ['quick-actions/extra', 'user'],
    ]);
    expect(listed.broken).toEqual([]);
  });

  it('lists broken files with the reason while the rest, and the layer below, keep working', async () => {
    const builtin = tempDir();
    const user = tempDir();
    write(builtin, 'quick-actions/a.md', 'built-in a');
    write(builtin, 'github/issue.md', 'Issue {{number}}');
    write(user, 'quick-actions/a.md', '---\ntitle: [bad\n---\nuser a');
    write(user, 'quick-actions/typo.md', '---\nsesion: new\n---\nx');
    write(user, 'quick-actions/unknown.md', 'uses {{nope}}');
    write(user, 'quick-actions/empty.md', '---\ntitle: Empty\n---\n\n');
    write(user, 'quick-actions/nothing.md', '{{#pr}}only with a PR{{/pr}}');
    write(user, 'github/issue.md', 'Issue {{number}} in {{secret}}');
    write(user, 'quick-actions/fine.md', 'fine');
    const lib = await library(builtin, user);

    const { prompts, broken } = await lib.list();
    expect(broken.map((b) => [b.id, b.source, b.reason.split(':')[0]]).sort()).toEqual([
      ['github/issue', 'user', expect.stringMatching(/^unknown variable \{\{secret\}\}/)],
      ['quick-actions/a', 'user', 'frontmatter is not valid YAML'],
      ['quick-actions/empty', 'user', 'the template is empty (it would render to nothing)'],
      ['quick-actions/typo', 'user', expect.stringMatching(/^frontmatter/)],
      ['quick-actions/unknown', 'user', expect.stringMatching(/^unknown variable \{\{nope\}\}/)],
    ]);
    expect(broken.find((b) => b.id === 'quick-actions/typo')?.reason).toMatch(/sesion/);
    expect(prompts.map((p) => `${p.id}:${p.source}`)).toEqual([
      'github/issue:builtin',
      'quick-actions/a:builtin',
      'quick-actions/fine:user',
      'quick-actions/nothing:user',
    ]);
    expect(await lib.render('quick-actions/a', {})).toMatchObject({
      ok: true,
      value: { text: 'built-in a' },
    });
    expect(await lib.render('github/issue', { number: '3' })).toMatchObject({
      ok: true,
      value: { text: 'Issue 3' },
    });
    expect(await lib.render('quick-actions/unknown', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID', reason: /unknown variable/ },
    });
    expect(await lib.render('quick-actions/nothing', { pr: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', reason: /renders to nothing/ },
    });
    expect(await lib.render('quick-actions/fine', {})).toMatchObject({ ok: true, value: { text: 'fine' } });
    expect(await lib.render('quick-actions/typo', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID', reason: /quick-actions\/typo: frontmatter.*sesion/ },
    });
  });

  it('reloads live when a file is added, changed or removed, and when a project folder appears', async () => {
    const builtin = tempDir();
    const user = tempDir();
    const project = tempDir();
    write(builtin, 'quick-actions/a.md', 'built-in a');
    const lib = await library(builtin, user, true);
    const textOf = async (projectPath?: string) => {
      const r = await lib.render('quick-actions/a', {}, { projectPath });
      return r.ok ? r.value.text : r.error.code;
    };

    let reloaded = afterReloads(lib, async () => (await textOf()) === 'user a');
    write(user, 'quick-actions/a.md', 'user a');
    await reloaded;

    reloaded = afterReloads(lib, async () => (await textOf()) === 'user a, edited');
    write(user, 'quick-actions/a.md', 'user a, edited');
    await reloaded;

    expect(await textOf(project)).toBe('user a, edited');
    reloaded = afterReloads(lib, async () => (await textOf(project)) === 'project a');
    write(project, `${PROJECT_PROMPTS_DIR}/quick-actions/a.md`, 'project a');
    await reloaded;

    reloaded = afterReloads(lib, async () => (await textOf()) === 'built-in a');
    rmSync(path.join(user, 'quick-actions/a.md'));
    await reloaded;
    expect(await textOf(project)).toBe('project a');
  });

  it('loads every shipped prompt without a broken file', async () => {
    const lib = await library(path.join(APP_ROOT, 'prompts'), tempDir());
    const { prompts, broken } = await lib.list();
    expect(broken).toEqual([]);
    const ids = prompts.map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'github/issue',
        'system/iterate',
        'quick-actions/review-changes',
        'quick-actions/simplify',
        'quick-actions/sync-with-base',
        'quick-actions/rename-branch',
        'quick-actions/write-tests',
        'quick-actions/draft-pr-description',
        'quick-actions/explain-workspace',
      ]),
    );
    for (const p of prompts.filter((x) => x.id.startsWith('quick-actions/'))) {
      expect(p.meta.title, p.id).toBeTruthy();
      expect(p.meta.session, p.id).toMatch(/^(current|new)$/);
    }
  });
});

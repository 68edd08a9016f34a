import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrokenPrompt, PromptSource } from '../../shared/contract/prompts';
import { type ParsedPrompt, PROMPT_FILE_MAX_BYTES, parsePromptFile } from './prompt-file';

/** A usable prompt file of one layer. */
export interface LayerPrompt extends ParsedPrompt {
  id: string;
  source: PromptSource;
  path: string;
}

/** One folder's prompts by id, and its broken files (by id too: a broken override hides nothing). */
export interface PromptLayer {
  source: PromptSource;
  dir: string;
  prompts: Map<string, LayerPrompt>;
  broken: Map<string, BrokenPrompt>;
}

/** Folders whose files are quick actions: their frontmatter is checked strictly. */
export const QUICK_ACTIONS_FOLDER = 'quick-actions';
const MAX_FILES = 2000;
const MAX_DEPTH = 4;

/**
 * Reads every `*.md` under `dir` (hidden files and folders skipped). A folder that does not exist is an empty
 * layer; a file that cannot be read or parsed is listed as broken with the reason and hides nothing.
 */
export async function loadLayer(source: PromptSource, dir: string): Promise<PromptLayer> {
  const layer: PromptLayer = { source, dir, prompts: new Map(), broken: new Map() };
  const files = await listMarkdown(dir);
  for (const file of files) {
    const id = promptId(dir, file);
    const broken = (reason: string) => layer.broken.set(id, { id, source, path: file, reason });
    try {
      const info = await stat(file);
      if (info.size > PROMPT_FILE_MAX_BYTES) {
        broken(`the file is larger than ${PROMPT_FILE_MAX_BYTES / 1024} KiB`);
        continue;
      }
      const parsed = parsePromptFile(await readFile(file, 'utf8'), {
        strict: id.startsWith(`${QUICK_ACTIONS_FOLDER}/`),
      });
      if (parsed.ok) layer.prompts.set(id, { ...parsed.prompt, id, source, path: file });
      else broken(parsed.reason);
    } catch (error) {
      broken(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return layer;
}

/** `github/issue` for `<dir>/github/issue.md`. */
export function promptId(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/').replace(/\.md$/i, '');
}

async function listMarkdown(dir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return; // Missing or unreadable folder: nothing to load from it.
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || found.length >= MAX_FILES) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) await visit(full, depth + 1);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(full);
    }
  };
  await visit(dir, 0);
  return found;
}

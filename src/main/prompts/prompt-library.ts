import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrokenPrompt, PromptInfo, PromptSource } from '../../shared/contract/prompts';
import { err, ok, type Result } from '../../shared/lib/result';
import type { Logger } from '../logging/logger';
import { type LayerPrompt, loadLayer, type PromptLayer, QUICK_ACTIONS_FOLDER } from './prompt-layer';
import { renderTemplate } from './prompt-template';
import { WORKSPACE_VARIABLES } from './prompt-variables';
import { PromptWatcher } from './prompt-watcher';

export type PromptProblem =
  | { code: 'NOT_FOUND'; entity: 'prompt'; id: string }
  | { code: 'INVALID'; field: 'prompt'; reason: string };

/** A prompt problem in words, for the place the prompt was asked for. */
export function promptProblemText(problem: PromptProblem): string {
  return problem.code === 'NOT_FOUND' ? `The prompt ${problem.id} is missing` : problem.reason;
}

export interface PromptLibraryDeps {
  /** The built-in `prompts/` folder shipped with the app. */
  builtinDir: string;
  /** `<data dir>/prompts`: the user's overrides and additions. */
  userDir: string;
  logger: Logger;
  /** Watch the folders and reload on change (default true). */
  watch?: boolean;
}

const RANK: Record<PromptSource, number> = { builtin: 0, user: 1, project: 2 };

/** Where a project keeps its prompts, relative to its repository. */
export const PROJECT_PROMPTS_DIR = path.join('.factory-factory', 'prompts');

export interface RenderedPrompt {
  text: string;
  prompt: LayerPrompt;
}

interface WatchedLayer {
  layer: PromptLayer;
  watcher: PromptWatcher | null;
  /** A reload in flight, and whether another change arrived during it. */
  loading: Promise<void> | null;
  again: boolean;
}

/**
 * Every prompt the app sends, from markdown files in three layers that override by file name: the built-in
 * `prompts/`, then the user data folder's `prompts/`, then a project's `.factory-factory/prompts/` (the most
 * specific wins). Files are watched and reloaded live; a broken file is listed with its reason and the next
 * layer's file of that name keeps working. `dispose()` closes the watchers.
 */
export class PromptLibrary {
  private readonly base = new Map<'builtin' | 'user', WatchedLayer>();
  private readonly projects = new Map<string, Promise<WatchedLayer>>();
  private readonly listeners = new Set<(change: { source: PromptSource; projectPath?: string }) => void>();
  private disposed = false;

  constructor(private readonly deps: PromptLibraryDeps) {}

  /** Loads the built-in and user layers and starts watching them. */
  async start(): Promise<void> {
    await mkdir(this.deps.userDir, { recursive: true }).catch(() => {});
    for (const [source, dir] of [
      ['builtin', this.deps.builtinDir],
      ['user', this.deps.userDir],
    ] as const) {
      this.base.set(source, await this.open(source, dir));
    }
  }

  /** Called after a layer reloaded (a file was added, changed or removed). */
  onChanged(listener: (change: { source: PromptSource; projectPath?: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The prompts that apply (with a project's layer when `projectPath` is given) and every broken file. */
  async list(projectPath?: string): Promise<{ prompts: PromptInfo[]; broken: BrokenPrompt[] }> {
    const layers = await this.layers(projectPath);
    const ids = new Set(layers.flatMap((l) => [...l.prompts.keys(), ...l.broken.keys()]));
    const prompts: PromptInfo[] = [];
    const broken: BrokenPrompt[] = layers.flatMap((l) => [...l.broken.values()]);
    for (const id of [...ids].sort()) {
      const resolved = this.resolve(id, layers, broken);
      if (resolved) {
        const { source, path: file, meta, variables } = resolved;
        prompts.push({ id, source, path: file, meta, variables });
      }
    }
    return { prompts, broken };
  }

  /** The text of the prompt that applies for `id`, for a caller that renders it itself; throws its problem. */
  async text(id: string, projectPath?: string): Promise<string> {
    const found = await this.get(id, projectPath);
    if (!found.ok) throw new Error(promptProblemText(found.error));
    return found.value.body;
  }

  /** The prompt that applies for `id` (e.g. `github/issue`), or NOT_FOUND (also when every file of it is broken). */
  async get(id: string, projectPath?: string): Promise<Result<LayerPrompt, PromptProblem>> {
    const layers = await this.layers(projectPath);
    const broken = layers.flatMap((l) => l.broken.get(id) ?? []);
    const found = this.resolve(id, layers, broken);
    if (found) return ok(found);
    // The most specific file's problem is the one the user is editing.
    const reason = broken.sort((a, b) => RANK[a.source] - RANK[b.source]).at(-1)?.reason;
    if (reason) return err({ code: 'INVALID', field: 'prompt', reason: `${id}: ${reason}` });
    return err({ code: 'NOT_FOUND', entity: 'prompt', id });
  }

  /**
   * Renders the prompt that applies for `id` with `values`. INVALID when its file is broken, a variable it
   * uses has no value, or it renders to nothing; NOT_FOUND when no layer has it.
   */
  async render(
    id: string,
    values: Record<string, string>,
    scope: { projectPath?: string } = {},
  ): Promise<Result<RenderedPrompt, PromptProblem>> {
    const found = await this.get(id, scope.projectPath);
    if (!found.ok) return found;
    const invalid = (reason: string) =>
      err({ code: 'INVALID', field: 'prompt', reason: `${id} (${found.value.path}): ${reason}` } as const);
    let text: string;
    try {
      text = renderTemplate(found.value.body, values);
    } catch (error) {
      return invalid((error as Error).message);
    }
    if (text.trim() === '') return invalid('it renders to nothing');
    return ok({ text, prompt: found.value });
  }

  /** Stops watching the prompts of projects that are gone (removed from the app). */
  async retainProjects(projectPaths: string[]): Promise<void> {
    const keep = new Set(projectPaths.map((p) => path.resolve(p)));
    for (const [key, layer] of [...this.projects]) {
      if (keep.has(key)) continue;
      this.projects.delete(key);
      await (await layer).watcher?.close();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const layers = [...this.base.values(), ...(await Promise.all(this.projects.values()))];
    await Promise.all(layers.map((l) => l.watcher?.close()));
  }

  /** Lowest layer first. */
  private async layers(projectPath?: string): Promise<PromptLayer[]> {
    const layers = [this.base.get('builtin'), this.base.get('user')].flatMap((w) => (w ? [w.layer] : []));
    if (projectPath) layers.push((await this.projectLayer(projectPath)).layer);
    return layers;
  }

  private projectLayer(projectPath: string): Promise<WatchedLayer> {
    const key = path.resolve(projectPath);
    let layer = this.projects.get(key);
    if (!layer) {
      layer = this.open('project', path.join(key, PROJECT_PROMPTS_DIR), key);
      this.projects.set(key, layer);
    }
    return layer;
  }

  /**
   * The highest layer's usable file for `id`. A file naming a variable its callers do not supply is broken
   * (added to `broken`) and the layer below is tried: callers supply a built-in's variables (those it uses and
   * those its frontmatter declares), and quick actions and files without a built-in get the workspace set.
   */
  private resolve(id: string, layers: PromptLayer[], broken: BrokenPrompt[]): LayerPrompt | null {
    const builtin = layers.find((l) => l.source === 'builtin')?.prompts.get(id);
    const known = new Set<string>([...(builtin?.variables ?? []), ...(builtin?.meta.variables ?? [])]);
    if (!builtin || id.startsWith(`${QUICK_ACTIONS_FOLDER}/`)) {
      for (const name of WORKSPACE_VARIABLES) known.add(name);
    }
    for (const layer of [...layers].reverse()) {
      const candidate = layer.prompts.get(id);
      if (!candidate) continue;
      const unknown = candidate.variables.filter((v) => !known.has(v));
      if (unknown.length === 0) return candidate;
      if (!broken.some((b) => b.path === candidate.path)) {
        broken.push({
          id,
          source: candidate.source,
          path: candidate.path,
          reason: `unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')} (known: ${[...known].sort().join(', ')})`,
        });
      }
    }
    return null;
  }

  private async open(source: PromptSource, dir: string, projectPath?: string): Promise<WatchedLayer> {
    const watched: WatchedLayer = {
      layer: await loadLayer(source, dir),
      watcher: null,
      loading: null,
      again: false,
    };
    if (this.deps.watch !== false && !this.disposed) {
      watched.watcher = new PromptWatcher(dir, () => this.reload(watched, projectPath));
      await watched.watcher.ready;
    }
    return watched;
  }

  /** Reloads a layer after a change; changes arriving meanwhile cause one more reload, never two at once. */
  private reload(watched: WatchedLayer, projectPath?: string): void {
    if (watched.loading) {
      watched.again = true;
      return;
    }
    watched.loading = (async () => {
      do {
        watched.again = false;
        watched.layer = await loadLayer(watched.layer.source, watched.layer.dir);
      } while (watched.again && !this.disposed);
    })()
      .catch((error) => this.deps.logger.warn(`Reloading prompts from ${watched.layer.dir} failed`, error))
      .finally(() => {
        watched.loading = null;
        if (this.disposed) return;
        this.deps.logger.info(`Prompts reloaded from ${watched.layer.dir}`);
        for (const listener of [...this.listeners]) listener({ source: watched.layer.source, projectPath });
      });
  }
}

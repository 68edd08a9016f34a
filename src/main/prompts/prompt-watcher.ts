import { existsSync } from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

/**
 * Watches one prompts folder, which may not exist yet (a project without `.factory-factory/prompts/`): it
 * watches the nearest folder that exists and ignores everything not on the way to the prompts folder, so
 * creating the folder later is seen and nothing else (node_modules, the rest of the repository) is walked.
 * `onChange` is called after each add, change or removal under the folder. `close()` is its disposer.
 */
export class PromptWatcher {
  private readonly watcher: FSWatcher;
  readonly ready: Promise<void>;

  constructor(dir: string, onChange: () => void) {
    const target = path.resolve(dir);
    let root = target;
    while (!existsSync(root) && path.dirname(root) !== root) root = path.dirname(root);
    const relevant = (p: string) =>
      p === target || p.startsWith(target + path.sep) || target.startsWith(p + path.sep) || p === root;
    this.watcher = watch(root, { ignoreInitial: true, ignored: (p) => !relevant(path.resolve(p)) });
    this.watcher.on('all', (_event, changed) => {
      const full = path.resolve(changed);
      if (full === target || full.startsWith(target + path.sep)) onChange();
    });
    // A watcher that fails (folder gone, too many watches) leaves the last loaded prompts in place.
    this.watcher.on('error', () => {});
    this.ready = new Promise((resolve) => this.watcher.once('ready', () => resolve()));
  }

  close(): Promise<void> {
    return this.watcher.close();
  }
}

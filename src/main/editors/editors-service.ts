import { spawn } from 'node:child_process';
import type { CustomEditor, Editor } from '../../shared/contract/editors';
import { err, ok, type Result } from '../../shared/lib/result';
import type { Problem } from '../rpc-errors';
import { findExecutable } from './find-executable';
import { launchCommand } from './launch-command';

interface Launcher extends Editor {
  command: string;
  /** Arguments; `{path}` is replaced by the folder, which is appended when no argument names it. */
  args: string[];
}

const KNOWN_EDITORS: Launcher[] = [
  { id: 'vscode', label: 'VS Code', kind: 'editor', command: 'code', args: [] },
  { id: 'cursor', label: 'Cursor', kind: 'editor', command: 'cursor', args: [] },
  { id: 'zed', label: 'Zed', kind: 'editor', command: 'zed', args: [] },
];

function fileManager(platform: NodeJS.Platform): Launcher {
  if (platform === 'darwin')
    return { id: 'files', label: 'Finder', kind: 'file-manager', command: 'open', args: [] };
  if (platform === 'win32')
    return { id: 'files', label: 'File Explorer', kind: 'file-manager', command: 'explorer', args: [] };
  return { id: 'files', label: 'File manager', kind: 'file-manager', command: 'xdg-open', args: [] };
}

export interface EditorsServiceDeps {
  worktreeOf(workspaceId: string): string | null;
  customEditor(): CustomEditor | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Finds the editors installed on this machine and opens a worktree in one, as a detached process. */
export class EditorsService {
  constructor(private readonly deps: EditorsServiceDeps) {}

  /** What can open a worktree here: installed editors first, then the file manager and the custom command. */
  list(): Editor[] {
    return this.launchers().map(({ id, label, kind }) => ({ id, label, kind }));
  }

  async open(workspaceId: string, editorId: string): Promise<Result<void, Problem>> {
    const folder = this.deps.worktreeOf(workspaceId);
    if (!folder) return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    const launcher = this.launchers().find((l) => l.id === editorId);
    if (!launcher) return err({ code: 'NOT_FOUND', entity: 'editor', id: editorId });
    const executable = findExecutable(launcher.command, this.env(), this.platform());
    if (!executable)
      return err({ code: 'UNAVAILABLE', reason: `${launcher.label}: ${launcher.command} was not found` });
    const named = launcher.args.some((a) => a.includes('{path}'));
    const args = named
      ? launcher.args.map((a) => a.replaceAll('{path}', folder))
      : [...launcher.args, folder];
    return this.launch(launcher.label, executable, args, folder);
  }

  private launchers(): Launcher[] {
    const env = this.env();
    const platform = this.platform();
    const found = KNOWN_EDITORS.filter((e) => findExecutable(e.command, env, platform) !== null);
    const custom = this.deps.customEditor();
    return [
      ...found,
      fileManager(platform),
      ...(custom ? [{ id: 'custom', kind: 'custom' as const, ...custom }] : []),
    ];
  }

  /**
   * Starts the program without a shell (a Windows batch shim through launch-command.ts) and lets it outlive
   * the core; resolves once it started or failed.
   */
  private launch(
    label: string,
    executable: string,
    args: string[],
    cwd: string,
  ): Promise<Result<void, Problem>> {
    const command = launchCommand(executable, args, { platform: this.platform(), env: this.env() });
    if (!command.ok)
      return Promise.resolve(err({ code: 'UNAVAILABLE', reason: `${label}: ${command.error}` }));
    return new Promise((resolve) => {
      const child = spawn(command.value.file, command.value.args, {
        cwd,
        env: this.env(),
        detached: true,
        stdio: 'ignore',
        shell: false,
        windowsVerbatimArguments: command.value.windowsVerbatimArguments,
      });
      child.once('error', (error) =>
        resolve(err({ code: 'UNAVAILABLE', reason: `${label} could not start: ${error.message}` })),
      );
      child.once('spawn', () => {
        child.unref();
        resolve(ok(undefined));
      });
    });
  }

  private env(): NodeJS.ProcessEnv {
    return this.deps.env ?? process.env;
  }

  private platform(): NodeJS.Platform {
    return this.deps.platform ?? process.platform;
  }
}

import { spawn } from 'node:child_process';

/** Opens a URL in the default browser; failures are reported, never fatal. */
export function openBrowser(url: string, onError: (message: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', (error) =>
      onError(`Could not open a browser (${error.message}); open the URL yourself.`),
    );
    child.unref();
  } catch (error) {
    onError(`Could not open a browser (${(error as Error).message}); open the URL yourself.`);
  }
}

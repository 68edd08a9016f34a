/**
 * Waiting on state outside the core's event stream (a process disappearing, a file appearing): polling with
 * a bounded deadline is the only way to observe it.
 */
export async function eventually(check: () => boolean, label: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** True while a process with this pid exists (signal 0 checks without sending). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

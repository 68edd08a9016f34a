/** 1 MiB: the most script output kept per run. */
export const SCRIPT_OUTPUT_CAP = 1024 * 1024;

const MARKER = '[… earlier output truncated …]\n';

/**
 * Keeps the last `cap` bytes of a stream of text (the end of a failing script's output is what explains the
 * failure) and remembers whether anything was dropped.
 */
export class OutputCap {
  private chunks: string[] = [];
  private bytes = 0;
  private dropped = false;

  constructor(private readonly cap = SCRIPT_OUTPUT_CAP) {}

  push(text: string): void {
    this.chunks.push(text);
    this.bytes += Buffer.byteLength(text);
    while (this.bytes > this.cap && this.chunks.length > 0) {
      const first = this.chunks[0]!;
      const firstBytes = Buffer.byteLength(first);
      const excess = this.bytes - this.cap;
      this.dropped = true;
      if (firstBytes <= excess) {
        this.chunks.shift();
        this.bytes -= firstBytes;
      } else {
        const kept = Buffer.from(first)
          .subarray(excess)
          .toString('utf8')
          .replace(/^\uFFFD+/, '');
        this.chunks[0] = kept;
        this.bytes -= firstBytes - Buffer.byteLength(kept);
      }
    }
  }

  get truncated(): boolean {
    return this.dropped;
  }

  text(): string {
    const body = this.chunks.join('');
    return this.dropped ? MARKER + body : body;
  }
}

/**
 * DEC private modes whose state outlives the output that set them (alternate screen, bracketed paste,
 * application cursor keys, cursor visibility, mouse reporting). When old output is trimmed away, their last
 * state is replayed first so a repaint of the tail still lands on the right screen with the right modes.
 */
const STICKY_MODES = new Set([
  '1',
  '25',
  '47',
  '1047',
  '1049',
  '2004',
  '1000',
  '1002',
  '1003',
  '1004',
  '1006',
]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC is the point.
const MODE_SEQUENCE = /\x1b\[\?([\d;]+)([hl])/g;

/** How far into the new head we look for a line break before settling for an escape boundary. */
const SAFE_CUT_SEARCH = 8192;

/**
 * The tail of a terminal's output, capped in UTF-8 bytes. Trimming happens on whole chunks and then moves
 * the cut forward to a line break (or the start of an escape sequence) so a replay never begins in the middle
 * of an escape sequence or a surrogate pair. Raw output is kept rather than a headless emulator's screen:
 * parsing every byte in the core costs about as much as the renderer's own xterm does (see bench/pty).
 */
export class ReplayBuffer {
  private chunks: string[] = [];
  private sizes: number[] = [];
  private size = 0;
  private trimmed = false;
  private readonly modes = new Map<string, 'h' | 'l'>();

  constructor(private readonly capBytes: number) {}

  get bytes(): number {
    return this.size;
  }

  /** True once any output has been trimmed away. */
  get truncated(): boolean {
    return this.trimmed;
  }

  append(data: string, bytes: number): void {
    if (bytes === 0) return;
    this.chunks.push(data);
    this.sizes.push(bytes);
    this.size += bytes;
    if (this.size > this.capBytes) this.trim();
  }

  /** Mode prelude (when trimmed) followed by the retained output. */
  snapshot(): string {
    const body = this.chunks.join('');
    if (!this.trimmed || this.modes.size === 0) return body;
    let prelude = '';
    for (const [mode, state] of this.modes) prelude += `\x1b[?${mode}${state}`;
    return prelude + body;
  }

  private trim(): void {
    this.trimmed = true;
    let cleanStart = false;
    while (this.size > this.capBytes && this.chunks.length > 1) {
      const head = this.chunks.shift()!;
      this.dropHead(head, this.sizes.shift()!);
      cleanStart = head.endsWith('\n');
    }
    const head = this.chunks[0]!;
    if (this.size > this.capBytes) {
      // A single chunk larger than the cap: keep roughly its last quarter-cap of characters.
      this.cutHead(head, Math.max(0, head.length - Math.floor(this.capBytes / 4)));
    } else if (!cleanStart) {
      this.cutHead(head, 0);
    }
  }

  /** Drops the head chunk's text before a safe boundary at or after `from`. */
  private cutHead(head: string, from: number): void {
    const cut = safeCut(head, from);
    if (cut === 0) return;
    const rest = head.slice(cut);
    const restBytes = Buffer.byteLength(rest);
    this.dropHead(head.slice(0, cut), this.sizes[0]! - restBytes);
    if (rest) {
      this.chunks[0] = rest;
      this.sizes[0] = restBytes;
    } else {
      this.chunks.shift();
      this.sizes.shift();
    }
  }

  private dropHead(dropped: string, bytes: number): void {
    this.size -= bytes;
    for (const match of dropped.matchAll(MODE_SEQUENCE)) {
      for (const mode of match[1]!.split(';')) {
        if (STICKY_MODES.has(mode)) this.modes.set(mode, match[2] as 'h' | 'l');
      }
    }
  }
}

/** The first index ≥ `from` where output may safely start: after a line break, else before an ESC. */
function safeCut(text: string, from: number): number {
  if (from === 0 && (text.length === 0 || text[0] === '\x1b')) return 0;
  const limit = Math.min(text.length, from + SAFE_CUT_SEARCH);
  const newline = text.indexOf('\n', from);
  if (newline !== -1 && newline < limit) return newline + 1;
  const esc = text.indexOf('\x1b', from);
  if (esc !== -1 && esc < limit) return esc;
  // No boundary nearby: avoid splitting a surrogate pair at least.
  let cut = from;
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut += 1;
  return cut;
}

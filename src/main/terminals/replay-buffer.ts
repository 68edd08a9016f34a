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

const ESC = 0x1b;
const LF = 0x0a;
/** `ESC [ ?`, the start of a DEC private mode set (`h`) or reset (`l`). */
const MODE_PREFIX = Buffer.from('\x1b[?', 'latin1');
const SET = 0x68; // h
const RESET = 0x6c; // l

/** How far into the new head we look for a line break before settling for an escape boundary. */
const SAFE_CUT_SEARCH = 8192;

/**
 * Once over the cap, trim this fraction of it more than needed, so a flood trims once per several reads
 * instead of on every one.
 */
const TRIM_SLACK = 1 / 8;

/**
 * The tail of a terminal's output bytes, capped. Trimming happens on whole chunks and then moves the cut
 * forward to a line break (or the start of an escape sequence), so a replay never begins in the middle of an
 * escape sequence or a UTF-8 character. Raw output is kept rather than a headless emulator's screen: parsing
 * every byte in the core costs about as much as the renderer's own xterm does (see bench/pty).
 *
 * Chunks are kept as given (no copy): the caller hands over buffers it will not reuse.
 */
export class ReplayBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private trimmed = false;
  private readonly modes = new Map<string, 'h' | 'l'>();

  /** What a trim brings the size down to (at most). */
  private readonly trimTo: number;

  constructor(private readonly capBytes: number) {
    this.trimTo = capBytes - Math.floor(capBytes * TRIM_SLACK);
  }

  get bytes(): number {
    return this.size;
  }

  /** True once any output has been trimmed away. */
  get truncated(): boolean {
    return this.trimmed;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.capBytes) this.trim();
  }

  /** Mode prelude (when trimmed) followed by the retained output. */
  snapshot(): Buffer {
    if (!this.trimmed || this.modes.size === 0) return Buffer.concat(this.chunks, this.size);
    let prelude = '';
    for (const [mode, state] of this.modes) prelude += `\x1b[?${mode}${state}`;
    return Buffer.concat([Buffer.from(prelude, 'latin1'), ...this.chunks]);
  }

  private trim(): void {
    this.trimmed = true;
    // Everything dropped by one trim is contiguous output; scanning it as one piece finds a mode sequence
    // even when a read split it across chunks.
    const dropped: Buffer[] = [];
    let cleanStart = false;
    while (this.size > this.trimTo && this.chunks.length > 1) {
      const head = this.chunks.shift()!;
      this.size -= head.length;
      dropped.push(head);
      cleanStart = head[head.length - 1] === LF;
    }
    const head = this.chunks[0]!;
    let from = -1;
    // A single chunk larger than the cap: keep roughly its last quarter-cap.
    if (this.size > this.trimTo) from = Math.max(0, head.length - Math.floor(this.capBytes / 4));
    else if (!cleanStart) from = 0;
    if (from >= 0) {
      const cut = safeCut(head, from);
      if (cut > 0) {
        dropped.push(head.subarray(0, cut));
        this.size -= cut;
        if (cut === head.length) this.chunks.shift();
        else this.chunks[0] = head.subarray(cut);
      }
    }
    this.rememberModes(dropped.length === 1 ? dropped[0]! : Buffer.concat(dropped));
  }

  private rememberModes(dropped: Buffer): void {
    for (let at = dropped.indexOf(MODE_PREFIX); at !== -1; at = dropped.indexOf(MODE_PREFIX, at + 1)) {
      let end = at + MODE_PREFIX.length;
      while (end < dropped.length && isModeParam(dropped[end]!)) end++;
      const final = dropped[end];
      if (final !== SET && final !== RESET) continue;
      const state = final === SET ? 'h' : 'l';
      for (const mode of dropped.toString('latin1', at + MODE_PREFIX.length, end).split(';')) {
        if (STICKY_MODES.has(mode)) this.modes.set(mode, state);
      }
    }
  }
}

/** Digits and `;`. */
function isModeParam(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x3b;
}

/** The first index ≥ `from` where output may safely start: after a line break, else before an ESC. */
function safeCut(bytes: Buffer, from: number): number {
  if (from === 0 && (bytes.length === 0 || bytes[0] === ESC)) return 0;
  const limit = Math.min(bytes.length, from + SAFE_CUT_SEARCH);
  const newline = bytes.indexOf(LF, from);
  if (newline !== -1 && newline < limit) return newline + 1;
  const esc = bytes.indexOf(ESC, from);
  if (esc !== -1 && esc < limit) return esc;
  // No boundary nearby: at least do not start inside a UTF-8 character (skip continuation bytes).
  let cut = from;
  while (cut < bytes.length && cut < from + 3 && (bytes[cut]! & 0xc0) === 0x80) cut++;
  return cut;
}

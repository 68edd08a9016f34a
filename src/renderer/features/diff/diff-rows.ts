import { parsePatch, type StructuredPatchHunk, structuredPatch } from 'diff';

/** One row of a unified diff view. Line numbers are 1-based; null where the side has no line. */
export interface DiffLine {
  type: 'hunk' | 'context' | 'add' | 'del';
  oldNo: number | null;
  newNo: number | null;
  text: string;
}

export interface SplitCell {
  type: 'context' | 'add' | 'del';
  no: number;
  text: string;
}

/** One row of a side-by-side view: a hunk header, or the old line (left) beside the new one (right). */
export type SplitRow =
  | { kind: 'hunk'; text: string }
  | { kind: 'pair'; left: SplitCell | null; right: SplitCell | null };

export function hunksFromTexts(path: string, oldText: string | null, newText: string): StructuredPatchHunk[] {
  return structuredPatch(path, path, oldText ?? '', newText, undefined, undefined, { context: 3 }).hunks;
}

/** Hunks of a unified diff as git prints it (one file); empty for a binary or empty diff. */
export function hunksFromUnified(text: string): StructuredPatchHunk[] {
  if (!text.trim()) return [];
  return parsePatch(text).flatMap((file) => file.hunks);
}

export function unifiedRows(hunks: readonly StructuredPatchHunk[]): DiffLine[] {
  const rows: DiffLine[] = [];
  for (const h of hunks) {
    rows.push({ type: 'hunk', oldNo: null, newNo: null, text: hunkHeader(h) });
    let oldNo = h.oldStart;
    let newNo = h.newStart;
    for (const line of h.lines) {
      const mark = line[0];
      const text = line.slice(1);
      if (mark === '+') rows.push({ type: 'add', oldNo: null, newNo: newNo++, text });
      else if (mark === '-') rows.push({ type: 'del', oldNo: oldNo++, newNo: null, text });
      else if (mark === ' ') rows.push({ type: 'context', oldNo: oldNo++, newNo: newNo++, text });
      // "\ No newline at end of file" carries no line of its own.
    }
  }
  return rows;
}

/** Pairs each run of deletions with the additions that follow it, line by line, like a side-by-side review. */
export function splitRows(hunks: readonly StructuredPatchHunk[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let dels: SplitCell[] = [];
  let adds: SplitCell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) {
      rows.push({ kind: 'pair', left: dels[i] ?? null, right: adds[i] ?? null });
    }
    dels = [];
    adds = [];
  };
  for (const line of unifiedRows(hunks)) {
    if (line.type === 'del') dels.push({ type: 'del', no: line.oldNo ?? 0, text: line.text });
    else if (line.type === 'add') adds.push({ type: 'add', no: line.newNo ?? 0, text: line.text });
    else {
      flush();
      if (line.type === 'hunk') rows.push({ kind: 'hunk', text: line.text });
      else {
        const cell = (no: number | null): SplitCell => ({ type: 'context', no: no ?? 0, text: line.text });
        rows.push({ kind: 'pair', left: cell(line.oldNo), right: cell(line.newNo) });
      }
    }
  }
  flush();
  return rows;
}

export function countChanges(hunks: readonly StructuredPatchHunk[]): {
  additions: number;
  deletions: number;
} {
  let additions = 0;
  let deletions = 0;
  for (const h of hunks) {
    for (const line of h.lines) {
      if (line[0] === '+') additions++;
      else if (line[0] === '-') deletions++;
    }
  }
  return { additions, deletions };
}

function hunkHeader(h: StructuredPatchHunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}

import type { StructuredPatchHunk } from 'diff';
import { memo, useMemo, useState } from 'react';
import { type SplitCell, splitRows, unifiedRows } from './diff-rows';
import './diff.css';

export type DiffMode = 'unified' | 'split';

/** Rows shown before "Show all" so a huge diff does not stall the first paint. */
const INITIAL_ROWS = 2000;

const SIGN = { add: '+', del: '-', context: ' ', hunk: '' } as const;

/** A unified or side-by-side diff of one file, with line numbers. */
export const DiffView = memo(function DiffView(props: {
  hunks: readonly StructuredPatchHunk[];
  mode: DiffMode;
  path: string;
}) {
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(
    () =>
      props.mode === 'split'
        ? { mode: 'split' as const, rows: splitRows(props.hunks) }
        : { mode: 'unified' as const, rows: unifiedRows(props.hunks) },
    [props.hunks, props.mode],
  );
  const total = rows.rows.length;
  if (!total) return <p className="ff-diff-empty">No textual changes.</p>;
  const limit = showAll ? total : INITIAL_ROWS;
  return (
    <div className="ff-diff" data-mode={props.mode}>
      <table aria-label={`Diff of ${props.path}`}>
        <tbody>
          {rows.mode === 'split'
            ? rows.rows.slice(0, limit).map((row) =>
                row.kind === 'hunk' ? (
                  <tr key={row.text} className="ff-diff-hunk">
                    <td colSpan={4}>{row.text}</td>
                  </tr>
                ) : (
                  <tr key={`${cellKey(row.left)}|${cellKey(row.right)}`}>
                    <SplitHalf cell={row.left} />
                    <SplitHalf cell={row.right} />
                  </tr>
                ),
              )
            : rows.rows.slice(0, limit).map((line) =>
                line.type === 'hunk' ? (
                  <tr key={line.text} className="ff-diff-hunk">
                    <td colSpan={3}>{line.text}</td>
                  </tr>
                ) : (
                  <tr key={`${line.type}${line.oldNo}:${line.newNo}`} className={`ff-diff-${line.type}`}>
                    <td className="ff-diff-no">{line.oldNo ?? ''}</td>
                    <td className="ff-diff-no">{line.newNo ?? ''}</td>
                    <td className="ff-diff-code">
                      <span aria-hidden="true">{SIGN[line.type]}</span>
                      {line.text}
                    </td>
                  </tr>
                ),
              )}
        </tbody>
      </table>
      {total > limit && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {total} lines
        </button>
      )}
    </div>
  );
});

/** Line numbers are unique per side, so they key a row (hunk headers are unique by their ranges). */
function cellKey(cell: SplitCell | null): string {
  return cell ? `${cell.type}${cell.no}` : '-';
}

function SplitHalf({ cell }: { cell: SplitCell | null }) {
  if (!cell) {
    return (
      <>
        <td className="ff-diff-no ff-diff-blank" />
        <td className="ff-diff-code ff-diff-blank" />
      </>
    );
  }
  return (
    <>
      <td className={`ff-diff-no ff-diff-${cell.type}`}>{cell.no}</td>
      <td className={`ff-diff-code ff-diff-${cell.type}`}>
        <span aria-hidden="true">{SIGN[cell.type]}</span>
        {cell.text}
      </td>
    </>
  );
}

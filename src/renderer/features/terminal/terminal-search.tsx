import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { useEffect, useState } from 'react';

// Decorations make the addon report match counts (onDidChangeResults).
const OPTIONS: ISearchOptions = {
  decorations: {
    matchBackground: 'rgba(255, 229, 0, 0.25)',
    matchOverviewRuler: '#FFE500',
    activeMatchBackground: 'rgba(255, 229, 0, 0.6)',
    activeMatchColorOverviewRuler: '#FFE500',
  },
};

/** Find in the terminal's scrollback: Enter for next, Shift+Enter for previous, Escape to close. */
export function TerminalSearch({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    const sub = search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setResults({ index: resultIndex, count: resultCount }),
    );
    return () => {
      sub.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const find = (text: string, backwards = false) => {
    if (!text) {
      search.clearDecorations();
      setResults(null);
      return;
    }
    const found = backwards
      ? search.findPrevious(text, OPTIONS)
      : search.findNext(text, { ...OPTIONS, incremental: true });
    if (!found) setResults({ index: -1, count: 0 });
  };

  const summary =
    !query || !results ? '' : results.count === 0 ? 'No matches' : `${results.index + 1} of ${results.count}`;

  return (
    <search className="ff-terminal-search">
      <input
        type="search"
        aria-label="Search terminal"
        placeholder="Search"
        value={query}
        // biome-ignore lint/a11y/noAutofocus: the search box opens on request and is where typing goes
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          find(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(query, e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <output aria-live="polite" aria-label="Search results">
        {summary}
      </output>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => find(query, true)}>
        Previous match
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => find(query)}>
        Next match
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
        Close search
      </button>
    </search>
  );
}

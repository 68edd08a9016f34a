import '@fontsource/ibm-plex-mono/400.css';
import '@fontsource/ibm-plex-mono/600.css';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { createAckBatcher } from '@shared/lib/terminal-ack';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { describeError } from '../../ui/describe-error';
import { useNarrowScreen } from '../../ui/use-narrow-screen';
import { decodeBase64 } from './base64';
import { createOrderedSender } from './ordered-sender';
import { TerminalSearch } from './terminal-search';
import { terminalThemes, useResolvedTheme } from './terminal-theme';

type TerminalState =
  | { phase: 'attaching' }
  | { phase: 'running' }
  | { phase: 'exited'; exitCode: number | null }
  | { phase: 'failed'; message: string };

/**
 * One PTY: xterm with fit, WebGL (DOM renderer when WebGL is unavailable), search, clickable links and
 * Unicode 11 widths. Output arrives through `terminals.attach`; each frame is acknowledged once xterm has
 * parsed it, which is what lets the core pause a PTY that outruns the view.
 */
export function TerminalPanel({ terminalId }: { terminalId: string }) {
  const client = useClient();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [state, setState] = useState<TerminalState>({ phase: 'attaching' });
  const [renderer, setRenderer] = useState<'webgl' | 'dom'>('dom');
  const [searchOpen, setSearchOpen] = useState(false);
  const theme = useResolvedTheme();
  const epoch = useConnection((s) => s.epoch);
  // On a phone a stray tap would type into a live shell (and raise the keyboard): view only until asked.
  const narrow = useNarrowScreen();
  const [typingAllowed, setTypingAllowed] = useState(false);
  const viewOnly = narrow && !typingAllowed;

  // The xterm instance lives as long as the panel shows this terminal; theme changes apply without a rebuild.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme is applied by the effect below
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      allowProposedApi: true,
      cursorBlink: true,
      fontFamily: "'IBM Plex Mono', ui-monospace, monospace",
      fontSize: 13,
      scrollback: 10_000,
      theme: terminalThemes[theme],
    });
    const fit = new FitAddon();
    const search = new SearchAddon({ highlightLimit: 1000 });
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)));
    term.open(host);
    setRenderer(loadWebgl(term, () => setRenderer('dom')) ? 'webgl' : 'dom');
    term.attachCustomKeyEventHandler((e) => clipboardKeys(term, e));
    termRef.current = term;
    searchRef.current = search;

    const sender = createOrderedSender((data) => client.terminals.input({ id: terminalId, data }));
    const onData = term.onData((data) => sender.push(data));
    let resizeFrame = 0;
    const onResize = term.onResize(({ cols, rows }) => {
      cancelAnimationFrame(resizeFrame);
      resizeFrame = requestAnimationFrame(() => {
        client.terminals.resize({ id: terminalId, cols, rows }).catch(() => {});
      });
    });
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    });
    observer.observe(host);
    return () => {
      cancelAnimationFrame(resizeFrame);
      observer.disconnect();
      onData.dispose();
      onResize.dispose();
      term.dispose();
      termRef.current = null;
      searchRef.current = null;
    };
  }, [terminalId]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = terminalThemes[theme];
  }, [theme]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new terminal gets the current mode too
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.disableStdin = viewOnly;
    if (term.textarea) {
      term.textarea.readOnly = viewOnly;
      term.textarea.inputMode = viewOnly ? 'none' : 'text';
    }
  }, [viewOnly, terminalId]);

  // (Re)attach on mount and after every reconnect: the snapshot repaints whatever was missed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: epoch is the reconnect trigger
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    const controller = new AbortController();
    setState({ phase: 'attaching' });
    void (async () => {
      try {
        const stream = await client.terminals.attach({ id: terminalId }, { signal: controller.signal });
        let attachmentId = '';
        const acks = createAckBatcher((bytes) => {
          client.terminals.ack({ id: terminalId, attachmentId, bytes }).catch(() => {});
        });
        for await (const frame of stream) {
          if (frame.type === 'snapshot') {
            attachmentId = frame.attachmentId;
            term.reset();
            if (frame.truncated) term.write('\x1b[2m[earlier output trimmed]\x1b[0m\r\n');
            term.write(decodeBase64(frame.base64));
            if (frame.cols !== term.cols || frame.rows !== term.rows) {
              client.terminals.resize({ id: terminalId, cols: term.cols, rows: term.rows }).catch(() => {});
            }
            setState(
              frame.status === 'EXITED'
                ? { phase: 'exited', exitCode: frame.exitCode }
                : { phase: 'running' },
            );
          } else if (frame.type === 'output') {
            acks.written(frame.bytes);
            term.write(decodeBase64(frame.base64), () => acks.parsed(frame.bytes));
          } else {
            setState({ phase: 'exited', exitCode: frame.exitCode });
          }
        }
      } catch (error) {
        if (!controller.signal.aborted) setState({ phase: 'failed', message: describeError(error) });
      }
    })();
    return () => controller.abort();
  }, [terminalId, epoch]);

  const copy = () => {
    const text = termRef.current?.getSelection();
    if (text) void navigator.clipboard?.writeText(text);
  };
  const paste = async () => {
    const text = await navigator.clipboard?.readText().catch(() => '');
    if (text) termRef.current?.paste(text);
    termRef.current?.focus();
  };

  return (
    <section
      className="ff-terminal"
      aria-label="Terminal"
      data-renderer={renderer}
      data-phase={state.phase}
      data-view-only={viewOnly}
    >
      <div className="ff-terminal-toolbar" role="toolbar" aria-label="Terminal actions">
        <TerminalStatusLine state={state} />
        {narrow && (
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={typingAllowed}
            title={
              typingAllowed
                ? 'Stop typing into this terminal'
                : 'This terminal is view only on a narrow screen'
            }
            onClick={() => setTypingAllowed((v) => !v)}
          >
            {typingAllowed ? 'Typing on' : 'View only: allow typing'}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={copy}
          aria-keyshortcuts="Control+Shift+C"
        >
          Copy
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={viewOnly}
          onClick={() => void paste()}
          aria-keyshortcuts="Control+Shift+V"
        >
          Paste
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-pressed={searchOpen}
          onClick={() => setSearchOpen((v) => !v)}
        >
          Search
        </button>
      </div>
      {searchOpen && searchRef.current && (
        <TerminalSearch
          search={searchRef.current}
          onClose={() => {
            setSearchOpen(false);
            termRef.current?.focus();
          }}
        />
      )}
      <div className="ff-terminal-host" ref={hostRef} />
    </section>
  );
}

function TerminalStatusLine({ state }: { state: TerminalState }) {
  const text =
    state.phase === 'attaching'
      ? 'Connecting…'
      : state.phase === 'running'
        ? 'Running'
        : state.phase === 'exited'
          ? state.exitCode === null
            ? 'Exited (killed)'
            : `Exited with code ${state.exitCode}`
          : `Not connected: ${state.message}`;
  const tone =
    state.phase === 'exited' && state.exitCode !== 0 ? 'danger' : state.phase === 'failed' ? 'danger' : '';
  return (
    <span className="ff-terminal-status" role="status" data-tone={tone}>
      {text}
    </span>
  );
}

/** WebGL renders faster; when it is unavailable or its context is lost, xterm's DOM renderer takes over. */
function loadWebgl(term: Terminal, onLost: () => void): boolean {
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      webgl.dispose();
      onLost();
    });
    term.loadAddon(webgl);
    return true;
  } catch {
    return false;
  }
}

/** Ctrl/Cmd+Shift+C copies the selection and Ctrl/Cmd+Shift+V pastes, as in desktop terminals. */
function clipboardKeys(term: Terminal, e: KeyboardEvent): boolean {
  if (e.type !== 'keydown' || !(e.ctrlKey || e.metaKey) || !e.shiftKey) return true;
  const key = e.key.toLowerCase();
  if (key === 'c') {
    const text = term.getSelection();
    if (text) void navigator.clipboard?.writeText(text);
    return false;
  }
  if (key === 'v') {
    void navigator.clipboard
      ?.readText()
      .then((text) => text && term.paste(text))
      .catch(() => {});
    return false;
  }
  return true;
}

function openLink(uri: string): void {
  if (window.factoryFactory) window.factoryFactory.openExternal(uri);
  else window.open(uri, '_blank', 'noopener,noreferrer');
}

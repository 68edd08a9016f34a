import { memo, useDeferredValue, useEffect, useState } from 'react';
import { useResolvedTheme } from '../terminal/terminal-theme';
import { highlightCode } from './highlight';

/** A fenced code block: plain at once, highlighted when shiki is ready (and again as streamed code settles). */
export const CodeBlock = memo(function CodeBlock({ code, lang }: { code: string; lang: string | null }) {
  const theme = useResolvedTheme();
  const settled = useDeferredValue(code);
  const [html, setHtml] = useState<string | null>(null);

  useEffect(() => {
    if (!lang) return;
    let live = true;
    // Streaming code changes many times a second: wait for a pause before highlighting.
    const timer = setTimeout(() => {
      highlightCode(settled, lang, theme)
        .then((result) => live && setHtml(result))
        .catch(() => live && setHtml(null));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [settled, lang, theme]);

  const copy = () => void navigator.clipboard?.writeText(code);
  return (
    <figure className="ff-code">
      <figcaption>
        <span>{lang ?? 'text'}</span>
        <button type="button" className="btn btn-small btn-ghost" onClick={copy} aria-label="Copy code">
          Copy
        </button>
      </figcaption>
      {html && settled === code ? (
        // shiki escapes the code it renders.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: shiki output
        <div className="ff-code-body" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <pre className="ff-code-body">
          <code>{code}</code>
        </pre>
      )}
    </figure>
  );
});

import type { Element } from 'hast';
import { type MouseEvent, memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block';

const plugins = [remarkGfm];

function codeOf(pre: Element | undefined): { code: string; lang: string | null } {
  const codeEl = pre?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const text = codeEl?.children.map((c) => (c.type === 'text' ? c.value : '')).join('') ?? '';
  const classes = codeEl?.properties?.className;
  const langClass = Array.isArray(classes)
    ? classes.find((c) => String(c).startsWith('language-'))
    : undefined;
  return {
    code: text.replace(/\n$/, ''),
    lang: langClass ? String(langClass).slice('language-'.length) : null,
  };
}

function openExternal(event: MouseEvent<HTMLAnchorElement>, href: string | undefined): void {
  if (!href || !window.factoryFactory) return;
  event.preventDefault();
  window.factoryFactory.openExternal(href);
}

const components: Components = {
  pre: ({ node }) => {
    const { code, lang } = codeOf(node);
    return <CodeBlock code={code} lang={lang} />;
  },
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} target="_blank" rel="noreferrer noopener" onClick={(e) => openExternal(e, href)}>
      {children}
    </a>
  ),
};

/** Agent text as GitHub-flavoured markdown; raw HTML is not rendered (react-markdown's default). */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="ff-markdown">
      <ReactMarkdown remarkPlugins={plugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});

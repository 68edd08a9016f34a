import { openExternal } from '../workspace/open-external';

/** A card's header: "#number title", linking to the issue or PR on GitHub (the OS browser in the app). */
export function GitHubCardTitle({ url, number, title }: { url: string; number: number; title: string }) {
  return (
    <header className="card-header">
      <h3 className="card-title">
        <a
          className="card-open-link"
          href={url}
          target="_blank"
          rel="noreferrer"
          onClick={(e) => openExternal(e, url)}
        >
          #{number} {title}
        </a>
      </h3>
    </header>
  );
}

/** Inline icons (no icon package is installed). Decorative: the surrounding control carries the name. */
const paths = {
  menu: 'M3 6h18M3 12h18M3 18h18',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4-4',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  gear: 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2',
  board: 'M4 4h4v16H4zM10 4h4v10h-4zM16 4h4v13h-4z',
  terminal: 'M4 6l6 6l-6 6M12 18h8',
  chat: 'M4 5h16v11H9l-5 4z',
  review: 'M4 5h16v11H9l-5 4zM8.5 10.5l2 2l4-4',
  play: 'M7 4l13 8l-13 8z',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  warning: 'M12 3l10 18H2zM12 10v5M12 18v.01',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  bolt: 'M13 2L4 14h7l-1 8l9-12h-7z',
  ratchet: 'M20 12a8 8 0 1 1-2.4-5.7M20 4v5h-5',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}

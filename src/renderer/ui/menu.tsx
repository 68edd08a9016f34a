import {
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import './menu.css';

export interface MenuItem {
  label: string;
  title?: string;
  disabled?: boolean;
  onSelect(): void;
}

const GAP = 8;
const MAX_WIDTH = 300;

/**
 * A button that opens a menu of actions (the ARIA menu-button pattern): arrows, Home and End move between the
 * items, Escape closes and gives the focus back, a tap outside closes. The menu is fixed to the window, placed
 * under the button and kept inside the screen, so no scrolling box clips it.
 */
export function MenuButton({
  label,
  heading,
  icon,
  items,
  disabled,
}: {
  /** The button's and the menu's accessible name. */
  label: string;
  /** Shown at the top of the open menu. */
  heading?: string;
  /** The button shows the icon only (its name stays `label`). */
  icon: ReactNode;
  items: MenuItem[];
  disabled?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const placeMenu = () => {
      const rect = button.current?.getBoundingClientRect();
      if (!rect) return;
      const width = Math.min(MAX_WIDTH, window.innerWidth - 2 * GAP);
      const left = Math.max(GAP, Math.min(rect.right - width, window.innerWidth - width - GAP));
      const top = rect.bottom + 4;
      setPlace({ left, top, width, maxHeight: Math.max(120, window.innerHeight - top - GAP) });
    };
    placeMenu();
    menu.current
      ?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')
      ?.focus({ preventScroll: true });
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // The menu is fixed to the window: when what is under it scrolls, it would float away from its button.
    const onScroll = (e: Event) => {
      if (!menu.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('resize', placeMenu);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('resize', placeMenu);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === 'Tab') {
      setOpen(false);
      return;
    }
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    const all = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const enabled = all.filter((item) => !item.disabled);
    const index = enabled.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? enabled.length - 1
          : (index + step + enabled.length) % enabled.length;
    event.preventDefault();
    enabled[next]?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-small menu-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        {icon}
      </button>
      {open && (
        <div
          id={id}
          ref={menu}
          className="menu"
          role="menu"
          aria-label={label}
          style={place}
          onKeyDown={onKeyDown}
        >
          {heading && (
            <div className="menu-heading" aria-hidden="true">
              {heading}
            </div>
          )}
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="menu-item"
              title={item.title}
              disabled={item.disabled}
              tabIndex={-1}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

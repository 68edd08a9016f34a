// Runs in the page (tests/e2e/support/phone.ts evaluates it): what breaks a phone layout on the current
// screen. Plain JavaScript, so the Node-side typecheck needs no DOM types.
(() => {
  const width = window.innerWidth;
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
    return `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${label}"`;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return (
      r.width > 0 &&
      r.height > 0 &&
      style.visibility !== 'hidden' &&
      r.bottom > 0 &&
      r.top < window.innerHeight &&
      r.right > 0 &&
      r.left < width
    );
  };
  // A tab strip scrolls sideways on a phone by design; code, tables, diffs and the terminal keep their lines.
  const scrollsOnPurpose = (el) =>
    !!el.closest('pre, table, .ff-code-body, .ff-diff, .xterm, .ff-terminal, [role=tablist]');
  const wide = [];
  const sideways = [];
  const small = [];
  const clipped = [];
  const unclipped = (el) => {
    for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== 'visible') return false;
    }
    return true;
  };
  if (document.documentElement.scrollWidth > width)
    sideways.push(`page (${document.documentElement.scrollWidth}px)`);
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || scrollsOnPurpose(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > width + 0.5) wide.push(`${nameOf(el)} (${Math.round(r.width)}px)`);
    else if ((r.left < -0.5 || r.right > width + 0.5) && unclipped(el)) {
      clipped.push(`${nameOf(el)} (${Math.round(r.left)}…${Math.round(r.right)})`);
    }
    const overflowX = getComputedStyle(el).overflowX;
    if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      sideways.push(`${nameOf(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  const controls =
    'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab]';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el) || el.closest('.xterm, .sr-only, [aria-hidden=true]')) continue;
    // Links inside prose are text, not targets.
    if (el.tagName === 'A' && el.closest('p, li, td')) continue;
    // A checkbox or radio is hit through its label.
    const target = el.matches('[type=checkbox], [type=radio]') ? (el.closest('label') ?? el) : el;
    const r = target.getBoundingClientRect();
    if (r.height < 43.5 || r.width < 43.5)
      small.push(`${nameOf(el)} (${Math.round(r.width)}×${Math.round(r.height)})`);
  }
  return { wide, sideways, small, clipped };
})();

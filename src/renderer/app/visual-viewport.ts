/** What `followVisualViewport` reads: the window's visual viewport (absent in old browsers). */
export interface ViewportSource {
  visualViewport: Pick<VisualViewport, 'height' | 'addEventListener' | 'removeEventListener'> | null;
}

export const VISUAL_VIEWPORT_HEIGHT = '--visual-viewport-height';

/**
 * Keeps `--visual-viewport-height` on the root element equal to the visual viewport's height: the part of
 * the page not covered by a phone's on-screen keyboard. The phone layout sizes the app with it, so the
 * composer stays above the keyboard in browsers that do not resize the page for it (Safari on iOS; Chrome
 * does, given `interactive-widget=resizes-content` in index.html). Returns the function that stops.
 */
export function followVisualViewport(
  source: ViewportSource,
  style: Pick<CSSStyleDeclaration, 'setProperty' | 'removeProperty'>,
): () => void {
  const viewport = source.visualViewport;
  if (!viewport) return () => {};
  const update = () => style.setProperty(VISUAL_VIEWPORT_HEIGHT, `${Math.round(viewport.height)}px`);
  update();
  viewport.addEventListener('resize', update);
  return () => {
    viewport.removeEventListener('resize', update);
    style.removeProperty(VISUAL_VIEWPORT_HEIGHT);
  };
}

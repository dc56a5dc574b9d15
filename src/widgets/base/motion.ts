/**
 * The reader's "reduce motion" setting (prefers-reduced-motion): under it no widget starts playing
 * by itself (the `autoplay` attribute is ignored; Play still works) and the page's CSS stops
 * animations and transitions (src/styles/base.css).
 */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

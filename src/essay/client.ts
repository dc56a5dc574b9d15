/**
 * The one script every essay page loads (see template.ts). The text, math and references are
 * already in the HTML; this only starts the widget runtime, which finds the widget tags and loads
 * each widget's code as it nears the viewport. The stylesheet is linked from the HTML instead,
 * so that pages are styled with JavaScript off.
 *
 * It also marks, in the contents, the section being read (toc-spy.ts), makes formulas and tables
 * that scroll sideways focusable (scroll-regions.ts), and registers the service worker that keeps
 * the essay readable offline (offline.ts); the language switch keeps the reader's place (lang-switch.ts).
 *
 * The app is pulled in with an eager glob rather than a plain import so that the essay pipeline
 * builds pages on its own (the glob then matches nothing).
 */
import.meta.glob('../app/page.ts', { eager: true });
import './toc-spy';
import './scroll-regions';
import './offline';
import './lang-switch';

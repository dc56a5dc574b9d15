/** Escaping for text and attribute values written into the static pages. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** An id fragment safe in `id="…"` and `href="#…"`: letters, digits, `-` and `_` only. */
export function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

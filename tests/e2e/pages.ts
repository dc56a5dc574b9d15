/** Every chapter page, from the one list of chapters: each is measured by the page-wide tests (budget, layout). */
import { chapters } from '../../src/chapters';

export const chapterPages: readonly string[] = chapters.map((c) => c.slug);

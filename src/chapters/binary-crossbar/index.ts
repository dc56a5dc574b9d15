/** Binary networks on memristor crossbars: the chip drawn as 2T2R pairs, and the robustness curves. */
import type { Chapter } from '../types';

export const binaryCrossbar: Chapter = {
  slug: 'binary-crossbar',
  widgets: {},
  runKinds: {},
  schemas: async () => [],
};

/** The chapter's two learners look the same in every figure: gradient descent solid blue, EG dashed vermilion. */
import { seriesColor, seriesDash } from '../../../viz';

export const GD_STYLE = { color: seriesColor(0), dash: seriesDash(0) } as const;
export const EG_STYLE = { color: seriesColor(1), dash: seriesDash(1) } as const;
/** Reference lines (a Gaussian, a diagonal, loss = N): grey, dotted. */
export const REFERENCE_STYLE = { color: 'var(--muted, #5f5f5f)', dash: '2 3' } as const;
/** The state before training (the starting weights): grey, long dashes. */
export const START_STYLE = { color: 'var(--muted, #5f5f5f)', dash: '8 3 2 3' } as const;

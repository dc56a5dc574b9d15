import type { WidgetSchema } from '../../../../settings/schema';

/** Kohonen's self-organising map learning MNIST digits by competition and cooperation alone. */
export const kohonenMapSchema = {
  tag: 'kohonen-map',
  reserve: { wide: 49, narrow: 96 },
  title: 'A map that draws itself: Kohonen’s self-organising map learns digits without labels',
  settings: [
    { type: 'number', key: 'mapSize', label: 'Map size (units per side)', help: 'A square sheet of units; the neighbourhood starts half as wide as the map.', min: 4, max: 14, step: 1, default: 10, format: 'int' },
    {
      type: 'select',
      key: 'pace',
      label: 'Pace',
      help: 'Updates per second while playing. The map orders itself within the first few hundred updates.',
      options: [
        { value: 'slow', label: 'Slow (watch it order)' },
        { value: 'normal', label: 'Normal' },
        { value: 'fast', label: 'Fast' },
      ],
      default: 'normal',
      live: 'page',
    },
  ],
} as const satisfies WidgetSchema;

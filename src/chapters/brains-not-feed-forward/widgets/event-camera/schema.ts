import type { WidgetSchema } from '../../../../settings/schema';

/** A digit sliding across the field, seen by a simulated event camera and by a frame camera. */
export const eventCameraSchema = {
  tag: 'event-camera',
  reserve: { wide: 70, narrow: 103 },
  title: 'Events, not frames: an event camera and a frame camera watch the same moving digit',
  settings: [
    { type: 'number', key: 'speed', label: 'Digit speed (pixels/s)', help: 'How fast the digit slides across the 96-pixel field. 0 stops it.', min: 0, max: 400, step: 5, default: 100, format: 'int', live: true },
    { type: 'number', key: 'threshold', label: 'Contrast threshold C', help: 'Change in log intensity that makes a pixel fire: 0.15 is a 16% change in brightness.', min: 0.05, max: 0.5, step: 0.01, default: 0.15, format: 'fixed2', live: true },
    { type: 'number', key: 'frameRate', label: 'Frame rate (fps)', help: 'Frames per second of the ordinary camera beside it.', min: 10, max: 1000, step: 1, default: 30, scale: 'log', format: 'int', live: true },
    {
      type: 'select',
      key: 'playback',
      label: 'Playback',
      help: 'Simulated time per second of your time.',
      options: [
        { value: '1', label: 'Real time' },
        { value: '0.25', label: 'Quarter speed' },
        { value: '0.1', label: 'Tenth speed' },
      ],
      default: '0.25',
      live: 'page',
    },
  ],
} as const satisfies WidgetSchema;

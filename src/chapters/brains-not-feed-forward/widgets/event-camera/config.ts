/** The event-camera figure's run config: the reproduce scene (the digit picked by the seed), the window of events it draws. */
import type { SettingsOf } from '../../../../settings/schema';
import { EVENT_CAMERA_DEFAULTS } from '../../runs/defaults';
import type { EventCameraConfig } from '../../runs/event-camera';
import type { eventCameraSchema } from './schema';

/** Events returned per evaluate (ms of simulated time): the last 40 ms are drawn, the rest fills the x–t plot between frames. */
export const EVENT_WINDOW = 60;

export function eventCameraConfig(s: SettingsOf<typeof eventCameraSchema>, seed: number): EventCameraConfig {
  return { ...EVENT_CAMERA_DEFAULTS, seed, speed: s.speed, threshold: s.threshold, frameRate: s.frameRate, eventWindow: EVENT_WINDOW };
}

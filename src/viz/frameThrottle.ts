/**
 * Coalesces redraw requests into at most one call per animation frame: call `request()` after
 * every append; `draw` runs once, on the next frame. The frame source is injectable for tests
 * and for Node (default `requestAnimationFrame`, else a 16 ms timeout).
 */

export interface FrameThrottle {
  /** Schedules `draw` for the next frame unless it is already scheduled. */
  request(): void;
  /** Drops a scheduled draw. */
  cancel(): void;
}

export type RequestFrame = (callback: () => void) => unknown;
export type CancelFrame = (handle: unknown) => void;

function defaultFrames(): [RequestFrame, CancelFrame] {
  if (typeof globalThis.requestAnimationFrame === 'function') {
    return [(cb) => globalThis.requestAnimationFrame(cb), (h) => globalThis.cancelAnimationFrame(h as number)];
  }
  return [(cb) => setTimeout(cb, 16), (h) => clearTimeout(h as ReturnType<typeof setTimeout>)];
}

export function frameThrottle(draw: () => void, requestFrame?: RequestFrame, cancelFrame?: CancelFrame): FrameThrottle {
  const [req, cancel] = requestFrame ? [requestFrame, cancelFrame ?? (() => {})] : defaultFrames();
  let handle: unknown = null;
  return {
    request() {
      if (handle !== null) return;
      handle = req(() => {
        handle = null;
        draw();
      });
    },
    cancel() {
      if (handle === null) return;
      cancel(handle);
      handle = null;
    },
  };
}

/**
 * Projector mode: the widget full screen (Fullscreen API where allowed, else a fixed overlay),
 * large type, high contrast, big controls. Esc leaves it (the browser handles Esc in fullscreen;
 * the widget's key handler calls exit() for the overlay).
 */

export class Projector {
  private mode: 'off' | 'fullscreen' | 'overlay' = 'off';
  private readonly onFullscreenChange = () => {
    if (this.mode === 'fullscreen' && document.fullscreenElement !== this.el) this.cleanUp();
  };

  constructor(
    private readonly el: HTMLElement,
    private readonly onChange: (active: boolean) => void = () => undefined,
  ) {}

  get active(): boolean {
    return this.mode !== 'off';
  }

  toggle(): void {
    if (this.active) this.exit();
    else this.enter();
  }

  enter(): void {
    if (this.active) return;
    this.el.classList.add('lm-projector');
    if (document.fullscreenEnabled && typeof this.el.requestFullscreen === 'function') {
      this.mode = 'fullscreen';
      document.addEventListener('fullscreenchange', this.onFullscreenChange);
      this.el.requestFullscreen().catch(() => this.overlay());
    } else {
      this.overlay();
    }
    this.onChange(true);
  }

  exit(): void {
    if (!this.active) return;
    if (this.mode === 'fullscreen' && document.fullscreenElement === this.el) {
      void document.exitFullscreen().catch(() => undefined);
    }
    this.cleanUp();
  }

  private overlay(): void {
    this.mode = 'overlay';
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    this.el.classList.add('lm-overlay');
    document.documentElement.classList.add('lm-has-overlay');
  }

  private cleanUp(): void {
    this.mode = 'off';
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    this.el.classList.remove('lm-projector', 'lm-overlay');
    document.documentElement.classList.remove('lm-has-overlay');
    this.onChange(false);
  }
}

// Shows a stream of images in one <img> without piling up loads: while one
// image is loading, a newer one replaces the waiting one, so at most one load
// runs and one waits, however fast frames arrive.

export class ImageSlot {
  constructor(image) {
    this.image = image;
    this.loading = false;
    this.pending = null;
    this.onShown = null;
    image.decoding = 'async';
    image.addEventListener('load', () => this.finish(true));
    image.addEventListener('error', () => this.finish(false));
  }

  /** Queues src for display, replacing any source that is still waiting. */
  show(src, info = null) {
    if (!src) {
      return;
    }
    if (this.loading) {
      this.pending = { src, info };
      return;
    }
    this.start({ src, info });
  }

  start(next) {
    this.loading = true;
    this.current = next;
    this.image.src = next.src;
  }

  finish(loaded) {
    this.loading = false;
    if (loaded && this.onShown) {
      this.onShown(this.current.info);
    }
    if (this.pending) {
      const next = this.pending;
      this.pending = null;
      this.start(next);
    }
  }

  clear() {
    this.pending = null;
    this.loading = false;
    this.image.removeAttribute('src');
  }
}

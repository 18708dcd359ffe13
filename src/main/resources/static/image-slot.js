// Shows a stream of images in one <img> without piling up loads: while one
// image is loading, a newer one replaces the waiting one, so at most one load
// runs and one waits, however fast frames arrive. Each image is loaded and
// decoded off screen first, so a failed load keeps the previous image.

export class ImageSlot {
  constructor(image) {
    this.image = image;
    this.loading = false;
    this.pending = null;
    this.generation = 0;
    this.onShown = null;
    this.onFailed = null;
    image.decoding = 'async';
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

  async start(next) {
    this.loading = true;
    const generation = this.generation;
    const loader = new Image();
    loader.src = next.src;
    let loaded = true;
    try {
      await loader.decode();
    } catch {
      loaded = false;
    }
    // clear() while loading starts a new generation, and this load is dropped.
    if (generation !== this.generation) {
      return;
    }
    if (loaded) {
      this.image.src = next.src;
      this.onShown?.(next.info);
    } else {
      this.onFailed?.(next.info);
    }
    this.loading = false;
    if (this.pending) {
      const pending = this.pending;
      this.pending = null;
      this.start(pending);
    }
  }

  clear() {
    this.generation += 1;
    this.pending = null;
    this.loading = false;
    this.image.removeAttribute('src');
  }
}

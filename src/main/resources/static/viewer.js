// The larger view of one stream: result and source frame side by side, kept
// live from the tile's events while the dialog is open.

import { authorizedUrl } from './api.js';
import { ImageSlot } from './image-slot.js';
import { t } from './i18n.js';

export class Viewer {
  constructor(grid) {
    this.grid = grid;
    this.dialog = document.getElementById('viewer');
    this.title = document.getElementById('viewer-title');
    this.resultImage = document.getElementById('viewer-result');
    this.sourceImage = document.getElementById('viewer-source');
    this.sourceMissing = document.getElementById('viewer-source-missing');
    this.resultSlot = new ImageSlot(this.resultImage);
    this.sourceSlot = new ImageSlot(this.sourceImage);
    this.streamId = null;
    this.unsubscribe = null;
    this.seq = null;

    this.sourceSlot.onFailed = () => {
      this.sourceImage.hidden = true;
      this.sourceMissing.hidden = false;
    };
    this.sourceSlot.onShown = () => {
      this.sourceImage.hidden = false;
      this.sourceMissing.hidden = true;
    };
    document.getElementById('viewer-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.stop());
  }

  open(id) {
    const tile = this.grid.tile(id);
    if (!tile) {
      return;
    }
    this.stop();
    this.streamId = id;
    this.seq = null;
    this.resultSlot.clear();
    this.sourceSlot.clear();
    this.grid.pin(id, true);
    this.unsubscribe = tile.addListener((kind, frame) => {
      if (kind === 'frame') {
        this.show(frame);
      }
    });
    if (tile.frame) {
      this.show(tile.frame);
    } else if (tile.image.src) {
      this.resultSlot.show(tile.image.src);
    }
    this.render();
    this.dialog.showModal();
  }

  show(frame) {
    this.seq = frame.seq;
    this.resultSlot.show(frame.image ?? authorizedUrl(this.streamId, frame.url));
    if (frame.sourceUrl) {
      this.sourceSlot.show(authorizedUrl(this.streamId, frame.sourceUrl));
    }
    this.render();
  }

  render() {
    if (!this.streamId) {
      return;
    }
    const seq = this.seq ?? t('tile.unknown');
    this.title.textContent = t('viewer.title', { id: this.streamId, seq });
    this.resultImage.alt = t('tile.result', { id: this.streamId, seq });
    this.sourceImage.alt = t('tile.source', { id: this.streamId, seq });
  }

  stop() {
    if (this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
    if (this.streamId) {
      this.grid.pin(this.streamId, false);
      this.streamId = null;
    }
  }
}

// The grid of live stream tiles. Each tile on screen gets one EventSource
// while the page is visible. The grid closes it when the tab is hidden or the
// tile scrolls away, and redraws changed tiles once per animation frame.

import { Tile } from './tile.js';

/**
 * Returns how many EventSources the page may hold open at once. Chromium and
 * Firefox open at most 6 connections per host over HTTP/1.1 by default, shared
 * with fetch and image loads, so 4 leaves room for those. HTTP/2 and HTTP/3 multiplex one
 * connection, so the limit there is only a sanity bound.
 */
export function connectionLimit() {
  const navigation = performance.getEntriesByType('navigation')[0];
  const protocol = navigation?.nextHopProtocol ?? '';
  return protocol === 'h2' || protocol === 'h3' ? 64 : 4;
}

/** The tiles of all streams and the budget of open EventSources. */
export class TileGrid {
  constructor(container, handlers, refreshSeconds) {
    this.container = container;
    this.handlers = handlers;
    this.refreshSeconds = refreshSeconds;
    this.tiles = new Map();
    this.dirty = new Set();
    this.frameRequested = false;
    this.pageVisible = document.visibilityState === 'visible';
    this.showSource = false;
    this.onScreen = new Set();
    this.pinned = new Set();
    this.limit = connectionLimit();
    this.observer = new IntersectionObserver((entries) => this.handleIntersection(entries), { rootMargin: '200px' });
  }

  /** Adds, updates and removes tiles to match the server's stream list. */
  update(streams) {
    const seen = new Set();
    const sorted = [...streams].sort((a, b) => a.id.localeCompare(b.id));
    for (const description of sorted) {
      seen.add(description.id);
      let tile = this.tiles.get(description.id);
      if (tile) {
        tile.setDescription(description);
      } else {
        tile = new Tile(description, this);
        this.tiles.set(description.id, tile);
        this.observer.observe(tile.root);
      }
      // append() moves an existing node, which keeps the DOM in id order.
      if (this.container.lastElementChild !== tile.root) {
        this.container.append(tile.root);
      }
    }
    for (const [id, tile] of this.tiles) {
      if (!seen.has(id)) {
        this.remove(id);
      } else if (tile.state === 'stale') {
        tile.setState('polling');
      }
    }
    this.schedule();
  }

  remove(id) {
    const tile = this.tiles.get(id);
    if (!tile) {
      return;
    }
    this.observer.unobserve(tile.root);
    this.onScreen.delete(tile);
    tile.destroy();
    this.tiles.delete(id);
    this.handlers.stateChanged();
  }

  tile(id) {
    return this.tiles.get(id);
  }

  /** Keeps the stream's EventSource open while a dialog shows it. */
  pin(id, pinned) {
    if (pinned) {
      this.pinned.add(id);
    } else {
      this.pinned.delete(id);
    }
    this.schedule();
  }

  handleIntersection(entries) {
    for (const entry of entries) {
      const tile = [...this.tiles.values()].find((candidate) => candidate.root === entry.target);
      if (!tile) {
        continue;
      }
      if (entry.isIntersecting) {
        this.onScreen.add(tile);
      } else {
        this.onScreen.delete(tile);
      }
    }
    this.schedule();
  }

  setPageVisible(visible) {
    this.pageVisible = visible;
    this.schedule();
  }

  setShowSource(show) {
    this.showSource = show;
    this.tiles.forEach((tile) => tile.setShowSource(show));
  }

  /**
   * Decides which tiles hold an EventSource: pinned tiles first, then tiles
   * on screen in page order, up to the connection limit. Tiles on screen
   * beyond the limit are polled through the list refresh instead.
   */
  schedule() {
    const ordered = [...this.tiles.values()];
    const wanted = ordered.filter((tile) => this.pinned.has(tile.id)).concat(
      ordered.filter((tile) => !this.pinned.has(tile.id) && this.onScreen.has(tile)),
    );
    const live = new Set(this.pageVisible ? wanted.slice(0, this.limit) : []);
    for (const tile of ordered) {
      if (live.has(tile)) {
        if (tile.wantsConnection) {
          tile.connect();
        }
      } else if (this.pageVisible && wanted.includes(tile)) {
        tile.disconnect(tile.state === 'stale' ? 'stale' : 'polling');
        tile.showPolledFrame();
      } else {
        tile.disconnect('paused');
      }
    }
  }

  /** Closes every EventSource and opens them again, such as after the API key changed. */
  reconnectAll() {
    this.tiles.forEach((tile) => tile.resetConnection());
    this.schedule();
  }

  /** Marks polled tiles as stale after a failed list refresh, because their image no longer updates. */
  markPollFailed() {
    this.tiles.forEach((tile) => {
      if (tile.state === 'polling') {
        tile.setState('stale');
      }
    });
  }

  markDirty(tile) {
    this.dirty.add(tile);
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.flush());
    }
  }

  flush() {
    this.frameRequested = false;
    for (const tile of this.dirty) {
      tile.renderStats();
    }
    this.dirty.clear();
  }

  counts() {
    const counts = { connecting: 0, live: 0, reconnecting: 0, stopped: 0, paused: 0, polling: 0, stale: 0 };
    this.tiles.forEach((tile) => {
      counts[tile.state] += 1;
    });
    return counts;
  }

  translate() {
    this.tiles.forEach((tile) => tile.render());
  }
}

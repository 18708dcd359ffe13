// One stream's tile: its DOM, its EventSource, the newest frame and the
// notices for gap, lagged and error events.

import { authorizedUrl, eventSourceUrl, frameUrl } from './api.js';
import { ImageSlot } from './image-slot.js';
import { recordError, recordFrame } from './history.js';
import { formatNumber, t } from './i18n.js';

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 60000;
const NOTICE_INTERVAL_MS = 1000;

export function stagesText(stages) {
  return stages?.length ? stages.join(' → ') : t('tile.noPipeline');
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

/** One stream's tile: its DOM, its EventSource and the newest frame. */
export class Tile {
  constructor(description, grid) {
    this.id = description.id;
    this.grid = grid;
    this.description = description;
    this.state = 'paused';
    this.source = null;
    this.retryTimer = null;
    this.retryMs = RETRY_MIN_MS;
    this.connectAttempt = 0;
    this.frame = null;
    this.lastSeq = null;
    this.seqRepeats = 0;
    this.notices = new Map();
    this.showSource = grid.showSource;
    this.listeners = new Set();
    this.build();
    this.setShowSource(this.showSource);
    this.render();
  }

  build() {
    const titleId = `tile-title-${this.id}`;
    this.title = element('h3', { class: 'tile-title', id: titleId, text: this.id });
    this.stateIcon = element('span', { class: 'state-icon', 'aria-hidden': 'true' });
    this.stateText = element('span', { class: 'state-text' });
    this.stateBadge = element('span', { class: 'state', 'data-testid': 'tile-state', role: 'status' }, [
      this.stateIcon,
      this.stateText,
    ]);

    this.image = element('img', { 'data-testid': 'tile-image', class: 'tile-image', alt: '' });
    this.placeholder = element('span', { class: 'placeholder', 'data-testid': 'tile-placeholder' });
    this.openButton = element('button', { type: 'button', class: 'tile-open', 'data-testid': 'tile-open' }, [
      this.image,
      this.placeholder,
    ]);
    this.sourceImage = element('img', { 'data-testid': 'tile-source-image', class: 'tile-image tile-source', alt: '' });
    this.media = element('div', { class: 'tile-media' }, [this.openButton, this.sourceImage]);
    this.imageSlot = new ImageSlot(this.image);
    this.imageSlot.onShown = (info) => {
      this.placeholder.classList.add('hidden');
      if (info?.polledSeq) {
        this.polledSeq = info.polledSeq;
        this.grid.markDirty(this);
      }
    };
    this.sourceSlot = new ImageSlot(this.sourceImage);

    this.values = {};
    const row = (key, testId) => {
      const label = element('dt', { 'data-i18n': key, text: t(key) });
      const value = element('dd', { 'data-testid': testId });
      this.values[testId] = value;
      return [label, value];
    };
    const stats = element('dl', { class: 'tile-stats' }, [
      ...row('tile.pipeline', 'tile-pipeline'),
      ...row('tile.size', 'tile-size'),
      ...row('tile.fps', 'tile-fps'),
      ...row('tile.latency', 'tile-latency'),
      ...row('tile.seq', 'tile-seq'),
      ...row('tile.drops', 'tile-drops'),
      ...row('tile.errors', 'tile-errors'),
    ]);

    this.noticeList = element('ul', { class: 'notices', 'data-testid': 'tile-notices', 'aria-live': 'polite' });

    this.sourceToggle = element('button', { type: 'button', class: 'button small', 'data-testid': 'tile-source-toggle' });
    this.detailButton = element('button', { type: 'button', class: 'button small', 'data-testid': 'tile-details' });
    this.reconnectButton = element('button', { type: 'button', class: 'button small', 'data-testid': 'tile-reconnect' });
    const actions = element('div', { class: 'tile-actions' }, [this.sourceToggle, this.detailButton, this.reconnectButton]);

    // data-last-seq and data-seq-repeats let browser tests check that a resumed
    // EventSource sends no frame twice. A repeat is a frame whose seq is not
    // above the newest one this tile received.
    this.root = element(
      'article',
      {
        class: 'tile',
        id: `tile-${this.id}`,
        'data-testid': `tile-${this.id}`,
        'data-seq-repeats': '0',
        'aria-labelledby': titleId,
      },
      [element('header', { class: 'tile-head' }, [this.title, this.stateBadge]), this.media, stats, this.noticeList, actions],
    );

    this.openButton.addEventListener('click', () => this.grid.handlers.openViewer(this.id));
    this.detailButton.addEventListener('click', () => this.grid.handlers.openDetail(this.id));
    this.sourceToggle.addEventListener('click', () => this.setShowSource(!this.showSource));
    this.reconnectButton.addEventListener('click', () => {
      this.resetConnection();
      this.grid.schedule();
    });
  }

  /** Closes the EventSource and resets the retry backoff; the grid's next schedule reconnects. */
  resetConnection() {
    this.retryMs = RETRY_MIN_MS;
    this.disconnect('paused');
  }

  get wantsConnection() {
    return this.state !== 'stopped';
  }

  connect() {
    if (this.source) {
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setState('connecting');
    // With an API key the URL needs a freshly minted token, so opening waits for
    // it. A disconnect meanwhile bumps connectAttempt, which drops this attempt.
    const attempt = ++this.connectAttempt;
    eventSourceUrl(this.id).then(
      (url) => {
        if (attempt === this.connectAttempt && !this.source) {
          this.open(url);
        }
      },
      () => {
        if (attempt === this.connectAttempt && !this.source) {
          this.scheduleRetry();
        }
      },
    );
  }

  open(url) {
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('open', () => {
      this.retryMs = RETRY_MIN_MS;
      this.setState('live');
    });
    source.addEventListener('frame', (event) => this.handleFrame(event));
    source.addEventListener('gap', (event) => this.handleGap(event));
    source.addEventListener('lagged', (event) => this.handleLagged(event));
    // The server's "event: error" and the EventSource's own connection error
    // share the name "error". Only the server's event is a MessageEvent with data.
    source.addEventListener('error', (event) => {
      if (event instanceof MessageEvent && typeof event.data === 'string') {
        this.handleErrorEvent(event);
      } else {
        this.handleConnectionError(source);
      }
    });
  }

  handleConnectionError(source) {
    if (source !== this.source) {
      return;
    }
    if (source.readyState === EventSource.CONNECTING) {
      // The browser retries by itself and sends Last-Event-ID, so replay resumes.
      this.setState('reconnecting');
      return;
    }
    // CLOSED: the server responded with an error status or a wrong content
    // type, and the browser gives up. Retry later with exponential backoff.
    this.source.close();
    this.source = null;
    this.scheduleRetry();
  }

  scheduleRetry() {
    this.setState('stopped');
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retryDelaySeconds = Math.round(delay / 1000);
    this.renderState();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.state = 'paused';
      this.grid.schedule();
    }, delay);
  }

  disconnect(state) {
    this.connectAttempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    this.setState(state);
  }

  parse(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  handleFrame(event) {
    const frame = this.parse(event);
    if (!frame) {
      return;
    }
    if (this.state !== 'live') {
      this.setState('live');
    }
    this.countSeq(frame.seq);
    this.frame = frame;
    recordFrame(this.id, frame.latencyMs);
    this.imageSlot.show(frame.image ?? authorizedUrl(this.id, frame.url), frame);
    if (this.showSource && frame.sourceUrl) {
      this.sourceSlot.show(authorizedUrl(this.id, frame.sourceUrl), frame);
    }
    this.listeners.forEach((listener) => listener('frame', frame));
    this.grid.markDirty(this);
  }

  countSeq(seq) {
    if (typeof seq !== 'number') {
      return;
    }
    if (this.lastSeq !== null && seq <= this.lastSeq) {
      this.seqRepeats += 1;
      this.root.dataset.seqRepeats = String(this.seqRepeats);
      return;
    }
    this.lastSeq = seq;
    this.root.dataset.lastSeq = String(seq);
  }

  handleErrorEvent(event) {
    const error = this.parse(event);
    if (!error) {
      return;
    }
    recordError(this.id, error);
    this.setNotice('error', 'notice.error', {
      seq: error.seq ?? t('tile.unknown'),
      title: error.title ?? '',
      detail: error.detail ?? '',
    });
    this.listeners.forEach((listener) => listener('error', error));
  }

  handleGap(event) {
    const gap = this.parse(event);
    if (gap) {
      this.setNotice('gap', 'notice.gap', { missed: gap.missed, from: gap.from, to: gap.to });
    }
  }

  handleLagged(event) {
    const lagged = this.parse(event);
    if (lagged) {
      this.setNotice('lagged', 'notice.lagged', { dropped: lagged.dropped });
    }
  }

  /**
   * Shows one notice per kind, and a newer notice of the same kind replaces
   * it. The list is an aria-live region, so text changes at most once per
   * second per kind to keep screen readers from reading every failed frame.
   */
  setNotice(kind, key, params) {
    const existing = this.notices.get(kind);
    if (existing) {
      existing.key = key;
      existing.params = params;
      const wait = NOTICE_INTERVAL_MS - (performance.now() - existing.renderedAt);
      if (wait > 0) {
        existing.timer ??= setTimeout(() => {
          existing.timer = null;
          this.renderNotice(kind);
        }, wait);
        return;
      }
      this.renderNotice(kind);
      return;
    }
    const icon = element('span', { class: 'notice-icon', 'aria-hidden': 'true', text: '⚠' });
    const text = element('span', { class: 'notice-text' });
    const dismiss = element('button', { type: 'button', class: 'notice-dismiss', text: '×' });
    const item = element('li', { class: `notice notice-${kind}`, 'data-testid': `tile-notice-${kind}` }, [icon, text, dismiss]);
    dismiss.addEventListener('click', () => {
      clearTimeout(this.notices.get(kind)?.timer);
      item.remove();
      this.notices.delete(kind);
      // The focused button is gone, so move focus to a stable control of this tile.
      this.openButton.focus();
    });
    this.noticeList.append(item);
    this.notices.set(kind, { item, key, params, renderedAt: 0, timer: null });
    this.renderNotice(kind);
  }

  renderNotice(kind) {
    const notice = this.notices.get(kind);
    if (!notice) {
      return;
    }
    notice.renderedAt = performance.now();
    const { item, key, params } = notice;
    item.querySelector('.notice-text').textContent = t(key, params);
    item.querySelector('.notice-dismiss').setAttribute('aria-label', t('notice.dismiss'));
  }

  setShowSource(show) {
    this.showSource = show;
    this.media.classList.toggle('with-source', show);
    this.sourceImage.hidden = !show;
    if (show && this.frame?.sourceUrl) {
      this.sourceSlot.show(authorizedUrl(this.id, this.frame.sourceUrl), this.frame);
    }
    if (!show) {
      this.sourceSlot.clear();
    }
    this.renderActions();
  }

  setState(state) {
    if (state === this.state) {
      return;
    }
    this.state = state;
    this.renderState();
    this.grid.handlers.stateChanged();
  }

  /** Updates configuration and server statistics from the stream list. */
  setDescription(description) {
    this.description = description;
    if (this.state === 'polling') {
      this.showPolledFrame();
    }
    this.grid.markDirty(this);
  }

  showPolledFrame() {
    const lastSeq = this.description.stats?.lastSeq;
    if (lastSeq === undefined || lastSeq === null || lastSeq === this.requestedSeq || lastSeq < 1) {
      return;
    }
    // polledSeq changes only once the image loaded, so the frame number matches
    // the image. A frame that failed in the pipeline has no image and is skipped.
    this.requestedSeq = lastSeq;
    this.imageSlot.show(authorizedUrl(this.id, frameUrl(this.id, lastSeq)), { polledSeq: lastSeq });
  }

  addListener(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  render() {
    this.renderState();
    this.renderStats();
    this.renderActions();
    for (const kind of this.notices.keys()) {
      this.renderNotice(kind);
    }
    this.placeholder.textContent = t('tile.noFrame');
    this.root.querySelectorAll('[data-i18n]').forEach((node) => {
      node.textContent = t(node.dataset.i18n);
    });
  }

  renderState() {
    const icons = { connecting: '◌', live: '●', reconnecting: '↻', stopped: '■', paused: '❚❚', polling: '⟳', stale: '⚠' };
    this.stateBadge.dataset.state = this.state;
    this.stateIcon.textContent = icons[this.state];
    this.stateText.textContent = t(`state.${this.state}`, { seconds: this.grid.refreshSeconds });
    const titles = {
      polling: t('state.polling.title', { limit: this.grid.limit }),
      stale: t('state.stale.title'),
      stopped: t('state.stopped.title', { seconds: this.retryDelaySeconds ?? 0 }),
      reconnecting: t('state.reconnecting.title'),
    };
    if (titles[this.state]) {
      this.stateBadge.title = titles[this.state];
    } else {
      this.stateBadge.removeAttribute('title');
    }
    this.reconnectButton.hidden = this.state !== 'stopped';
  }

  renderActions() {
    this.sourceToggle.textContent = t('tile.toggleSource');
    this.sourceToggle.setAttribute('aria-label', t('tile.toggleSource.aria', { id: this.id }));
    this.sourceToggle.setAttribute('aria-pressed', String(this.showSource));
    this.detailButton.textContent = t('tile.details');
    this.detailButton.setAttribute('aria-label', t('tile.details.aria', { id: this.id }));
    this.reconnectButton.textContent = t('tile.reconnect');
    this.reconnectButton.setAttribute('aria-label', t('tile.reconnect.aria', { id: this.id }));
    this.openButton.setAttribute('aria-label', t('tile.open', { id: this.id }));
  }

  /** Writes text only where it changed, because this runs for every frame. */
  renderStats() {
    const frame = this.frame;
    const stats = this.description.stats ?? {};
    const unknown = t('tile.unknown');
    const seq = frame?.seq ?? (this.state === 'polling' ? this.polledSeq : null);
    const values = {
      'tile-pipeline': stagesText(frame?.stages ?? this.description.stages),
      'tile-size': frame
        ? t('tile.sizeValue', {
            inW: frame.input?.width ?? unknown,
            inH: frame.input?.height ?? unknown,
            outW: frame.output?.width ?? unknown,
            outH: frame.output?.height ?? unknown,
          })
        : unknown,
      'tile-fps': `${formatNumber(stats.fpsIn, 1)} / ${formatNumber(stats.fpsOut, 1)}`,
      'tile-latency': t(frame ? 'tile.latencyValue' : 'tile.latencyStats', {
        last: formatNumber(frame?.latencyMs, 1),
        p50: formatNumber(stats.latencyMsP50, 1),
        p99: formatNumber(stats.latencyMsP99, 1),
      }),
      'tile-seq': seq ?? unknown,
      'tile-drops': `${formatNumber(stats.dropped)} / ${formatNumber(stats.rejected)}`,
      'tile-errors': formatNumber(stats.errors),
    };
    for (const [testId, text] of Object.entries(values)) {
      const node = this.values[testId];
      const value = String(text);
      if (node.textContent !== value) {
        node.textContent = value;
      }
    }
    if (seq !== null && seq !== undefined) {
      this.image.alt = t('tile.result', { id: this.id, seq });
      this.sourceImage.alt = t('tile.source', { id: this.id, seq });
    }
    this.root.classList.toggle('has-errors', (stats.errors ?? 0) > 0);
  }

  destroy() {
    this.disconnect('stopped');
    this.listeners.clear();
    this.root.remove();
  }
}

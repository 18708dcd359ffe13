// Entry point: language switch, connection summary, the periodic stream list
// refresh, and the page visibility rule (no EventSource while the tab is hidden).

import { hasApiKey, listStreams, setApiKey } from './api.js';
import { Detail } from './detail.js';
import { DeleteConfirm, StreamEditor } from './forms.js';
import { PoolForm } from './pool-form.js';
import { recordStats } from './history.js';
import { formatTime, language, onLanguageChange, setLanguage, t, translateDocument } from './i18n.js';
import { TileGrid } from './tiles.js';
import { Viewer } from './viewer.js';

const REFRESH_MS = 2000;

const summaryServer = document.getElementById('summary-server');
const summaryCounts = document.getElementById('summary-counts');
const summaryUpdated = document.getElementById('summary-updated');
const gridEmpty = document.getElementById('grid-empty');

const server = { state: 'checking', reason: '', updatedAt: null, loaded: false };
let refreshTimer = null;
let refreshing = false;

const grid = new TileGrid(
  document.getElementById('grid'),
  {
    openViewer: (id) => viewer.open(id),
    openDetail: (id) => detail.open(id),
    stateChanged: () => renderSummary(),
  },
  REFRESH_MS / 1000,
);
const viewer = new Viewer(grid);

const editor = new StreamEditor({ onSaved: () => refresh(), toast });
const deleteConfirm = new DeleteConfirm({
  onDeleted: (id) => {
    document.getElementById('detail').close();
    grid.remove(id);
    refresh();
  },
  toast,
});
const detail = new Detail(grid, {
  openEditor: (description) => editor.openEdit(description),
  confirmDelete: (id) => deleteConfirm.open(id),
  refresh,
  toast,
});
new PoolForm();

/** Fetches the stream list, updates the tiles and samples the statistics. */
async function refresh() {
  if (refreshing) {
    return;
  }
  refreshing = true;
  try {
    const streams = await listStreams();
    const now = Date.now();
    streams.forEach((stream) => recordStats(stream.id, stream.stats, grid.tile(stream.id)?.state === 'live', now));
    grid.update(streams);
    server.state = 'ok';
    server.updatedAt = new Date(now);
    server.loaded = true;
    detail.refreshed(streams);
  } catch (error) {
    server.state = 'down';
    server.reason = error.status ? t('error.http', { status: error.status }) : error.message;
    grid.markPollFailed();
  } finally {
    refreshing = false;
    renderSummary();
  }
}

function renderSummary() {
  if (server.state === 'checking') {
    summaryServer.textContent = t('summary.server.checking');
  } else if (server.state === 'ok') {
    summaryServer.textContent = t('summary.server.ok');
  } else {
    summaryServer.textContent = t('summary.server.down', { reason: server.reason });
  }
  summaryServer.dataset.server = server.state;

  if (document.visibilityState === 'hidden') {
    summaryCounts.textContent = t('summary.paused');
  } else {
    // Live is always listed, and other states only when some tile is in them.
    const counts = grid.counts();
    const parts = ['live', 'connecting', 'reconnecting', 'stopped', 'polling', 'stale', 'paused']
      .filter((state) => state === 'live' || counts[state] > 0)
      .map((state) => t(`summary.count.${state}`, { count: counts[state] }));
    summaryCounts.textContent = grid.tiles.size ? parts.join(' · ') : t('summary.none');
  }
  summaryUpdated.textContent = server.updatedAt ? t('summary.updated', { time: formatTime(server.updatedAt) }) : '';

  const empty = server.loaded && grid.tiles.size === 0;
  gridEmpty.hidden = server.loaded && !empty;
  gridEmpty.textContent = server.loaded ? t('grid.empty') : t('grid.loading');
}

function startRefreshing() {
  clearInterval(refreshTimer);
  refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS);
}

/**
 * Shows the API key form once the server responds with 401, and keeps it shown while
 * a key is in use so it can be changed. A new key reconnects every tile.
 */
function setUpApiKey() {
  const form = document.getElementById('api-key-form');
  const input = document.getElementById('api-key');
  const status = document.getElementById('api-key-status');
  let statusKey = hasApiKey() ? 'auth.kept' : null;
  const renderStatus = () => {
    status.textContent = statusKey ? t(statusKey) : '';
  };
  form.hidden = !hasApiKey();
  renderStatus();
  window.addEventListener('poolstream:unauthorized', (event) => {
    statusKey = event.detail?.hadKey ? 'auth.rejected' : 'auth.required';
    renderStatus();
    if (form.hidden) {
      form.hidden = false;
      input.focus();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(input.value);
    input.value = '';
    statusKey = hasApiKey() ? 'auth.kept' : null;
    renderStatus();
    grid.reconnectAll();
    refresh();
  });
  onLanguageChange(renderStatus);
}

function setUpLanguageSwitch() {
  const langSwitch = document.getElementById('lang-switch');
  langSwitch.value = language();
  langSwitch.addEventListener('change', () => setLanguage(langSwitch.value));
  onLanguageChange(() => {
    langSwitch.value = language();
    grid.translate();
    viewer.render();
    renderSummary();
  });
}

function setUpVisibility() {
  document.addEventListener('visibilitychange', () => {
    const visible = document.visibilityState === 'visible';
    grid.setPageVisible(visible);
    if (visible) {
      startRefreshing();
    } else {
      clearInterval(refreshTimer);
    }
    renderSummary();
  });
}

function setUpToolbar() {
  const showSource = document.getElementById('show-source');
  showSource.addEventListener('change', () => grid.setShowSource(showSource.checked));
  document.getElementById('refresh').addEventListener('click', refresh);
  document.getElementById('new-stream').addEventListener('click', () => editor.openCreate());
}

/** Shows a short status line under the toolbar; kind "error" marks failures. */
function toast(message, kind = 'info') {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.dataset.kind = kind;
}

translateDocument();
setUpLanguageSwitch();
setUpApiKey();
setUpVisibility();
setUpToolbar();
renderSummary();
if (document.visibilityState === 'visible') {
  startRefreshing();
}

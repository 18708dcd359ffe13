// Per-stream time series for the detail charts. Samples come from the stream
// statistics on each list refresh, and the frame events seen between two
// samples add the fps and latency that this page observed itself.

export const HISTORY_SECONDS = 5 * 60;

const series = new Map();

function historyOf(id) {
  let history = series.get(id);
  if (!history) {
    history = { samples: [], framesSince: 0, latencySumSince: 0, errorsSeen: [], lastStats: null, lastTime: null };
    series.set(id, history);
  }
  return history;
}

/** Counts one frame event that this page received for stream id. */
export function recordFrame(id, latencyMs) {
  const history = historyOf(id);
  history.framesSince += 1;
  if (Number.isFinite(latencyMs)) {
    history.latencySumSince += latencyMs;
  }
}

/** Keeps the newest error events of stream id, at most 50. */
export function recordError(id, error) {
  const history = historyOf(id);
  history.errorsSeen.unshift({ ...error, seenAt: new Date() });
  history.errorsSeen.length = Math.min(history.errorsSeen.length, 50);
}

export function recentErrors(id) {
  return historyOf(id).errorsSeen;
}

/**
 * Adds one sample from the stream's statistics. Drop, rejection and error
 * counts are stored as the increase since the previous sample, because the
 * server reports totals since the stream was created. The fps seen by this
 * page is left empty unless the tile was live, because a closed EventSource
 * receives no frames however fast the stream runs.
 */
export function recordStats(id, stats, live, now = Date.now()) {
  if (!stats) {
    return;
  }
  const history = historyOf(id);
  const previous = history.lastStats;
  const seconds = history.lastTime ? (now - history.lastTime) / 1000 : null;
  const increase = (name) => (previous ? Math.max(0, (stats[name] ?? 0) - (previous[name] ?? 0)) : null);
  history.samples.push({
    time: now / 1000,
    fpsIn: stats.fpsIn ?? null,
    fpsOut: stats.fpsOut ?? null,
    fpsSeen: live && seconds ? history.framesSince / seconds : null,
    p50: stats.latencyMsP50 ?? null,
    p99: stats.latencyMsP99 ?? null,
    frameLatency: history.framesSince ? history.latencySumSince / history.framesSince : null,
    dropped: increase('dropped'),
    rejected: increase('rejected'),
    errors: increase('errors'),
  });
  history.lastStats = stats;
  history.lastTime = now;
  history.framesSince = 0;
  history.latencySumSince = 0;
  const oldest = now / 1000 - HISTORY_SECONDS;
  while (history.samples.length && history.samples[0].time < oldest) {
    history.samples.shift();
  }
}

/** Returns the samples of stream id as uPlot columns: [times, ...fields]. */
export function columns(id, fields) {
  const samples = historyOf(id).samples;
  return [samples.map((sample) => sample.time), ...fields.map((field) => samples.map((sample) => sample[field]))];
}

export function forget(id) {
  series.delete(id);
}

// The detail panel of one stream: configuration, uPlot charts of the last
// minutes, recent error events, the pull source form, and edit and delete.

import { ApiError, deleteSource, getStream, putSource } from './api.js';
import { clearErrors, describeError, parameterPath, setFieldError } from './fields.js';
import { columns, HISTORY_SECONDS, recentErrors } from './history.js';
import { formatNumber, formatTime, onLanguageChange, t } from './i18n.js';
import { stagesText } from './tile.js';

const CHART_HEIGHT = 180;
const AXIS = { stroke: '#a9b4bf', grid: { stroke: '#2a323b' }, ticks: { stroke: '#36404b' } };

// uPlot's own time labels are English, so the time axis uses the page's locale.
const TIME_AXIS = { ...AXIS, values: (plot, splits) => splits.map((seconds) => formatTime(new Date(seconds * 1000))) };

/** Chart definitions: history fields with colour and dash, so lines differ by more than colour. */
const CHARTS = [
  {
    element: 'chart-fps',
    series: [
      { field: 'fpsIn', label: 'detail.series.fpsIn', stroke: '#7cc4ff' },
      { field: 'fpsOut', label: 'detail.series.fpsOut', stroke: '#6fdc8c', dash: [8, 4] },
      { field: 'fpsSeen', label: 'detail.series.fpsSeen', stroke: '#ffcc66', dash: [2, 3] },
    ],
  },
  {
    element: 'chart-latency',
    series: [
      { field: 'p50', label: 'detail.series.p50', stroke: '#7cc4ff' },
      { field: 'p99', label: 'detail.series.p99', stroke: '#ff8a80', dash: [8, 4] },
      { field: 'frameLatency', label: 'detail.series.frameLatency', stroke: '#ffcc66', dash: [2, 3] },
    ],
  },
  {
    element: 'chart-drops',
    series: [
      { field: 'dropped', label: 'detail.series.dropped', stroke: '#ffcc66' },
      { field: 'rejected', label: 'detail.series.rejected', stroke: '#c9a7ff', dash: [8, 4] },
      { field: 'errors', label: 'detail.series.errors', stroke: '#ff8a80', dash: [2, 3] },
    ],
  },
];

export class Detail {
  constructor(grid, { openEditor, confirmDelete, refresh, toast }) {
    this.grid = grid;
    this.actions = { openEditor, confirmDelete, refresh, toast };
    this.dialog = document.getElementById('detail');
    this.title = document.getElementById('detail-title');
    this.facts = document.getElementById('detail-facts');
    this.errorList = document.getElementById('detail-errors');
    this.loadError = document.getElementById('detail-error');
    this.chartsHeading = document.getElementById('detail-charts-heading');
    this.chartsNote = document.getElementById('detail-charts-note');
    this.sourceForm = document.getElementById('source-form');
    this.streamId = null;
    this.description = null;
    this.charts = [];
    this.unsubscribe = null;

    document.getElementById('detail-close').addEventListener('click', () => this.dialog.close());
    document.getElementById('detail-edit').addEventListener('click', () => this.actions.openEditor(this.description));
    document.getElementById('detail-delete').addEventListener('click', () => this.actions.confirmDelete(this.streamId));
    this.dialog.addEventListener('close', () => this.stop());
    this.setUpSourceForm();
    this.resizeObserver = new ResizeObserver(() => this.resizeCharts());
    onLanguageChange(() => {
      if (this.streamId) {
        this.render();
        this.buildCharts();
      }
    });
  }

  async open(id) {
    const tile = this.grid.tile(id);
    this.stop();
    this.streamId = id;
    this.description = tile?.description ?? null;
    this.loadError.textContent = '';
    clearErrors(this.sourceForm);
    this.grid.pin(id, true);
    this.unsubscribe = tile?.addListener((kind) => {
      if (kind === 'error') {
        this.renderErrors();
      }
    });
    this.fillSourceForm();
    this.render();
    this.dialog.showModal();
    this.buildCharts();
    this.resizeObserver.observe(this.dialog);
    try {
      this.update(await getStream(id));
    } catch (error) {
      this.loadError.textContent = t('detail.loadFailed', { id, reason: describeError(error) });
    }
  }

  /** Takes a fresh description from the list refresh or a direct GET. */
  update(description) {
    if (!this.streamId || description.id !== this.streamId) {
      return;
    }
    const sourceChanged = JSON.stringify(description.source) !== JSON.stringify(this.description?.source);
    this.description = description;
    if (sourceChanged) {
      this.fillSourceForm();
    }
    this.render();
    this.updateCharts();
  }

  /** Handles the stream list refresh: updates the panel, or closes it when the stream is gone. */
  refreshed(streams) {
    if (!this.streamId) {
      return;
    }
    const description = streams.find((stream) => stream.id === this.streamId);
    if (description) {
      this.update(description);
    } else {
      this.dialog.close();
    }
  }

  render() {
    this.title.textContent = t('detail.title', { id: this.streamId });
    this.chartsHeading.textContent = t('detail.charts', { minutes: HISTORY_SECONDS / 60 });
    this.renderFacts();
    this.renderErrors();
  }

  renderFacts() {
    const description = this.description;
    if (!description) {
      this.facts.replaceChildren();
      return;
    }
    const stats = description.stats ?? {};
    const source = description.source;
    const rows = [
      ['detail.pipeline', stagesText(description.stages), 'detail-pipeline'],
      [
        'detail.output',
        t('detail.outputValue', {
          format: description.output?.format ?? t('tile.unknown'),
          inline: t(description.output?.inline ? 'detail.inline' : 'detail.notInline'),
        }),
        'detail-output',
      ],
      [
        'detail.backpressure',
        t('detail.backpressureValue', {
          policy: description.backpressure?.policy ?? t('tile.unknown'),
          capacity: formatNumber(description.backpressure?.capacity),
        }),
        'detail-backpressure',
      ],
      ['detail.retention', t('detail.retentionValue', { count: formatNumber(description.retention) }), 'detail-retention'],
      ['detail.subscribers', formatNumber(stats.subscribers), 'detail-subscribers'],
      ['detail.queued', formatNumber(stats.queued), 'detail-queued'],
      [
        'detail.source',
        source
          ? t('detail.sourceValue', { type: source.type, url: source.url, interval: formatNumber(source.intervalMs), state: source.state ?? t('tile.unknown') })
          : t('detail.sourceNone'),
        'detail-source',
      ],
      [
        'detail.counters',
        t('detail.countersValue', {
          received: formatNumber(stats.received),
          processed: formatNumber(stats.processed),
          dropped: formatNumber(stats.dropped),
          rejected: formatNumber(stats.rejected),
          errors: formatNumber(stats.errors),
        }),
        'detail-counters',
      ],
    ];
    const nodes = [];
    for (const [key, value, testId] of rows) {
      const term = document.createElement('dt');
      term.textContent = t(key);
      const definition = document.createElement('dd');
      definition.textContent = value;
      definition.dataset.testid = testId;
      nodes.push(term, definition);
    }
    this.facts.replaceChildren(...nodes);
  }

  renderErrors() {
    const errors = recentErrors(this.streamId).slice(0, 20);
    if (!errors.length) {
      const item = document.createElement('li');
      item.className = 'muted';
      item.textContent = t('detail.errorsEmpty');
      this.errorList.replaceChildren(item);
      return;
    }
    this.errorList.replaceChildren(
      ...errors.map((error) => {
        const item = document.createElement('li');
        item.textContent = t('detail.errorItem', {
          seq: error.seq ?? t('tile.unknown'),
          time: formatTime(error.seenAt),
          title: error.title ?? '',
          status: error.status ?? t('tile.unknown'),
          detail: error.detail ?? '',
        });
        return item;
      }),
    );
  }

  buildCharts() {
    this.destroyCharts();
    if (typeof window.uPlot !== 'function') {
      this.chartsNote.textContent = t('detail.chartsUnavailable');
      return;
    }
    const width = this.chartWidth();
    for (const chart of CHARTS) {
      const target = document.getElementById(chart.element);
      const options = {
        width,
        height: CHART_HEIGHT,
        scales: { x: { time: true } },
        axes: [TIME_AXIS, AXIS],
        series: [
          {
            label: t('detail.series.time'),
            value: (plot, seconds) => (seconds === null || seconds === undefined ? t('tile.unknown') : formatTime(new Date(seconds * 1000))),
          },
          ...chart.series.map((series) => ({
            label: t(series.label),
            stroke: series.stroke,
            width: 2,
            dash: series.dash,
            spanGaps: false,
            points: { show: false },
            value: (plot, value) => (value === null || value === undefined ? t('tile.unknown') : formatNumber(value, 1)),
          })),
        ],
      };
      const data = columns(this.streamId, chart.series.map((series) => series.field));
      this.charts.push({ definition: chart, plot: new window.uPlot(options, data, target) });
    }
    this.updateChartsNote();
  }

  updateCharts() {
    for (const { definition, plot } of this.charts) {
      plot.setData(columns(this.streamId, definition.series.map((series) => series.field)));
    }
    this.updateChartsNote();
  }

  updateChartsNote() {
    if (typeof window.uPlot !== 'function') {
      return;
    }
    this.chartsNote.textContent = columns(this.streamId, [])[0].length < 2 ? t('detail.chartsEmpty') : '';
  }

  chartWidth() {
    const container = this.dialog.querySelector('.charts');
    const columnCount = getComputedStyle(container).gridTemplateColumns.split(' ').length;
    const gap = 16;
    return Math.max(240, Math.floor((container.clientWidth - gap * (columnCount - 1)) / columnCount));
  }

  resizeCharts() {
    if (!this.charts.length) {
      return;
    }
    const width = this.chartWidth();
    this.charts.forEach(({ plot }) => plot.setSize({ width, height: CHART_HEIGHT }));
  }

  destroyCharts() {
    this.charts.forEach(({ plot }) => plot.destroy());
    this.charts = [];
  }

  stop() {
    this.resizeObserver.disconnect();
    this.destroyCharts();
    if (this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
    if (this.streamId) {
      this.grid.pin(this.streamId, false);
      this.streamId = null;
    }
  }

  setUpSourceForm() {
    const url = document.getElementById('source-url');
    const type = document.getElementById('source-type');
    const interval = document.getElementById('source-interval');
    url.addEventListener('input', () => this.validateSource());
    interval.addEventListener('input', () => this.validateSource());
    type.addEventListener('change', () => this.validateSource());
    this.sourceForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.attachSource();
    });
    document.getElementById('source-detach').addEventListener('click', () => this.detachSource());
  }

  fillSourceForm() {
    const source = this.description?.source;
    document.getElementById('source-url').value = source?.url ?? '';
    document.getElementById('source-type').value = source?.type === 'poll' ? 'poll' : 'mjpeg';
    document.getElementById('source-interval').value = source?.intervalMs ?? 1000;
    document.getElementById('source-detach').disabled = !source;
    this.applySourceType();
  }

  applySourceType() {
    // The interval only applies to polled images, where it sets the poll period.
    const polled = document.getElementById('source-type').value === 'poll';
    document.getElementById('source-interval').closest('.field').hidden = !polled;
  }

  validateSource() {
    this.applySourceType();
    const url = document.getElementById('source-url').value.trim();
    let urlMessage = '';
    if (url === '') {
      urlMessage = t('validate.required');
    } else if (!/^https?:\/\/[^/\s]+/i.test(url)) {
      urlMessage = t('validate.url');
    }
    setFieldError('source-url', urlMessage);
    let intervalMessage = '';
    if (document.getElementById('source-type').value === 'poll') {
      const interval = document.getElementById('source-interval').value.trim();
      intervalMessage = /^\d+$/.test(interval) && Number(interval) >= 1 ? '' : t('validate.interval');
    }
    setFieldError('source-interval', intervalMessage);
    return !urlMessage && !intervalMessage;
  }

  async attachSource() {
    const error = document.getElementById('source-error');
    error.textContent = '';
    if (!this.validateSource()) {
      this.sourceForm.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const type = document.getElementById('source-type').value;
    const body = { url: document.getElementById('source-url').value.trim(), type };
    if (type === 'poll') {
      body.intervalMs = Number(document.getElementById('source-interval').value);
    }
    await this.changeSource(() => putSource(this.streamId, body), 'source.attached');
  }

  async detachSource() {
    await this.changeSource(() => deleteSource(this.streamId), 'source.detached');
  }

  async changeSource(request, doneKey) {
    const error = document.getElementById('source-error');
    const buttons = this.sourceForm.querySelectorAll('button');
    buttons.forEach((button) => {
      button.disabled = true;
    });
    let focusTarget = null;
    try {
      const description = await request();
      this.actions.toast(t(doneKey));
      this.description = description ?? (await getStream(this.streamId));
      this.fillSourceForm();
      this.render();
    } catch (failure) {
      const parameter = failure instanceof ApiError ? failure.parameter : null;
      const inputId = parameter ? `source-${parameterPath(parameter).pop().replace('intervalMs', 'interval')}` : null;
      if (inputId && setFieldError(inputId, failure.problem?.detail ?? describeError(failure))) {
        focusTarget = document.getElementById(inputId);
      } else {
        error.textContent = describeError(failure);
      }
    } finally {
      buttons.forEach((button) => {
        button.disabled = false;
      });
      document.getElementById('source-detach').disabled = !this.description?.source;
      // Focus only after the buttons are enabled again, so focus is not lost to a disabled button.
      focusTarget?.focus();
    }
  }
}

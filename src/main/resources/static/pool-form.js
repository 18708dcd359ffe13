// The one-image form: POST /api/v1/pool with the chosen op, then the original
// and the pooled result side by side with sizes and server timing.

import { ApiError, poolImage } from './api.js';
import { clearErrors, defaultOp, describeError, OP_FIELD_NAMES, opToQuery, parameterPath, renderOpFields, setFieldError, validateOp } from './fields.js';
import { formatBytes, formatNumber, onLanguageChange, t } from './i18n.js';

/** The one-image form: POST /pool, then original and result side by side. */
export class PoolForm {
  constructor() {
    this.form = document.getElementById('pool-form');
    this.fileInput = document.getElementById('pool-file');
    this.formatInput = document.getElementById('pool-format');
    this.opContainer = document.getElementById('pool-op');
    this.runButton = document.getElementById('pool-run');
    this.formError = document.getElementById('pool-error');
    this.compare = document.getElementById('pool-compare');
    this.originalImage = document.getElementById('pool-original');
    this.resultImage = document.getElementById('pool-result');
    this.objectUrls = [];
    this.op = defaultOp();
    this.lastRun = null;
    this.renderFields();

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    this.fileInput.addEventListener('change', () => setFieldError('pool-file', ''));
    this.originalImage.addEventListener('load', () => this.renderSizes());
    this.resultImage.addEventListener('load', () => this.renderSizes());
    onLanguageChange(() => {
      this.renderFields();
      this.renderSizes();
    });
  }

  renderFields() {
    renderOpFields(this.opContainer, 'pool', this.op, () => this.validate());
  }

  validate() {
    const errors = validateOp(this.op);
    for (const name of OP_FIELD_NAMES) {
      setFieldError(`pool-${name}`, errors[name] ?? '');
    }
    return Object.keys(errors).length === 0;
  }

  async run() {
    clearErrors(this.form);
    const file = this.fileInput.files[0];
    let valid = this.validate();
    if (!file) {
      setFieldError('pool-file', t('pool.noFile'));
      valid = false;
    }
    if (!valid) {
      this.form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    this.runButton.disabled = true;
    this.formError.textContent = t('pool.running');
    try {
      const params = { ...opToQuery(this.op), format: this.formatInput.value };
      const { blob, serverTiming } = await poolImage(file, params);
      this.formError.textContent = '';
      this.show(file, blob, serverTiming);
    } catch (error) {
      this.formError.textContent = '';
      this.showServerError(error);
    } finally {
      this.runButton.disabled = false;
    }
  }

  show(file, blob, serverTiming) {
    this.objectUrls.forEach((url) => URL.revokeObjectURL(url));
    const originalUrl = URL.createObjectURL(file);
    const resultUrl = URL.createObjectURL(blob);
    this.objectUrls = [originalUrl, resultUrl];
    this.lastRun = { file, blob, serverTiming };
    this.originalImage.src = originalUrl;
    this.resultImage.src = resultUrl;
    this.compare.hidden = false;
    this.renderSizes();
  }

  renderSizes() {
    if (!this.lastRun) {
      return;
    }
    const describe = (image, bytes) =>
      t('pool.size', {
        width: image.naturalWidth || t('tile.unknown'),
        height: image.naturalHeight || t('tile.unknown'),
        bytes: formatBytes(bytes),
      });
    document.getElementById('pool-original-size').textContent = describe(this.originalImage, this.lastRun.file.size);
    document.getElementById('pool-result-size').textContent = describe(this.resultImage, this.lastRun.blob.size);
    this.originalImage.alt = t('pool.originalAlt', { name: this.lastRun.file.name });
    this.resultImage.alt = t('pool.result');
    const timing = formatServerTiming(this.lastRun.serverTiming);
    document.getElementById('pool-timing').textContent = timing ? t('pool.timing', { timing }) : '';
  }

  showServerError(error) {
    const message = describeError(error);
    const parameter = error instanceof ApiError ? error.parameter : null;
    const name = parameter ? parameterPath(parameter).pop() : null;
    let inputId = name ? `pool-${name}` : null;
    if (name === 'image') {
      // The server names the uploaded body "image", which is the file field here.
      inputId = 'pool-file';
    }
    if (inputId && setFieldError(inputId, error.problem?.detail ?? message)) {
      document.getElementById(inputId).focus();
      return;
    }
    this.formError.textContent = parameter ? `${message} (${parameter})` : message;
  }
}

/** Formats "decode;dur=3.1, pool;dur=0.4" as "decode 3.1 ms · pool 0.4 ms". */
function formatServerTiming(header) {
  if (!header) {
    return '';
  }
  return header
    .split(',')
    .map((entry) => {
      const [name, ...params] = entry.trim().split(';');
      const duration = params.map((param) => param.trim()).find((param) => param.startsWith('dur='));
      return duration ? `${name} ${formatNumber(Number(duration.slice(4)), 1)} ms` : name;
    })
    .join(' · ');
}

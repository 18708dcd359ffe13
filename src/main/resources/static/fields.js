// Form building blocks shared by the stream editor, the pool form and the
// source form: pooling-op fields, validation with the API's rules, and error
// messages shown next to the field they belong to.

import { t } from './i18n.js';

export const MODES = ['max', 'avg', 'min', 'lp', 'gradient'];

/** Op fields in display order, with the modes that use each optional one. */
const OP_FIELDS = [
  { name: 'mode', kind: 'mode' },
  { name: 'kernel', kind: 'size', hint: 'editor.kernel.hint', adaptiveOff: true },
  { name: 'stride', kind: 'size', hint: 'editor.stride.hint', adaptiveOff: true },
  { name: 'padding', kind: 'size', adaptiveOff: true },
  { name: 'dilation', kind: 'size', adaptiveOff: true },
  { name: 'outputSize', kind: 'size', hint: 'editor.outputSize.hint' },
  { name: 'divisorOverride', kind: 'integer', modes: ['avg'], adaptiveOff: true },
  { name: 'p', kind: 'number', modes: ['lp'] },
  { name: 'ceilMode', kind: 'boolean', adaptiveOff: true },
  { name: 'countIncludePad', kind: 'boolean', modes: ['avg'], initial: true, adaptiveOff: true },
];

export const OP_FIELD_NAMES = OP_FIELDS.map((field) => field.name);

/**
 * Parses a size as the API accepts it: "2", "3x2" (height × width), "3×2",
 * "3,2" or an [h, w] array. Returns [h, w], or null when the text is not one
 * or two whole numbers.
 */
export function parseSize(value) {
  if (Array.isArray(value)) {
    value = value.join('x');
  }
  const text = String(value ?? '').trim();
  const match = /^\[?\s*(\d+)\s*(?:[x×,]\s*(\d+)\s*)?\]?$/i.exec(text);
  if (!match) {
    return null;
  }
  const height = Number(match[1]);
  return [height, match[2] === undefined ? height : Number(match[2])];
}

/** Formats a size from the API ([h, w] or a number) for a text field. */
export function formatSize(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value[0] === value[1] ? String(value[0]) : `${value[0]}x${value[1]}`;
  }
  return String(value);
}

function isWholeNumber(text, min) {
  return /^\d+$/.test(text) && Number(text) >= min;
}

/**
 * Checks one op with the API's rules and returns {fieldName: message} for the
 * fields that fail. Padding is at most half the kernel per dimension, rounded
 * down, which is the limit the API checks.
 */
export function validateOp(op) {
  const errors = {};
  const adaptive = op.outputSize.trim() !== '';
  const kernel = parseSize(op.kernel);
  if (!adaptive) {
    if (op.kernel.trim() === '' || !kernel || Math.min(...kernel) < 1) {
      errors.kernel = t('validate.size', { min: 1 });
    }
    const stride = parseSize(op.stride);
    if (op.stride.trim() !== '' && (!stride || Math.min(...stride) < 1)) {
      errors.stride = t('validate.size', { min: 1 });
    }
    const padding = parseSize(op.padding);
    if (op.padding.trim() !== '') {
      if (!padding) {
        errors.padding = t('validate.size', { min: 0 });
      } else if (kernel && (padding[0] > Math.floor(kernel[0] / 2) || padding[1] > Math.floor(kernel[1] / 2))) {
        const max = formatSize([Math.floor(kernel[0] / 2), Math.floor(kernel[1] / 2)]);
        errors.padding = t('validate.paddingHalf', { max });
      }
    }
    const dilation = parseSize(op.dilation);
    if (op.dilation.trim() !== '' && (!dilation || Math.min(...dilation) < 1)) {
      errors.dilation = t('validate.size', { min: 1 });
    }
  } else {
    const outputSize = parseSize(op.outputSize);
    if (!outputSize || Math.min(...outputSize) < 1) {
      errors.outputSize = t('validate.size', { min: 1 });
    }
  }
  if (op.mode === 'avg' && op.divisorOverride.trim() !== '' && !isWholeNumber(op.divisorOverride.trim(), 1)) {
    errors.divisorOverride = t('validate.positiveInt');
  }
  if (op.mode === 'lp') {
    const p = Number(op.p);
    if (op.p.trim() === '' || !Number.isFinite(p) || p <= 0) {
      errors.p = t('validate.p');
    }
  }
  return errors;
}

/** Returns a blank op model: max pooling with a 2×2 kernel. */
export function defaultOp() {
  return {
    mode: 'max',
    kernel: '2',
    stride: '',
    padding: '',
    dilation: '',
    outputSize: '',
    divisorOverride: '',
    p: '',
    ceilMode: false,
    countIncludePad: true,
  };
}

/** Converts an op from a stream description into the editor's text model. */
export function opFromDescription(op) {
  return {
    ...defaultOp(),
    mode: op.mode ?? 'max',
    kernel: formatSize(op.kernel ?? (op.outputSize ? '' : 2)),
    stride: formatSize(op.stride),
    padding: formatSize(op.padding),
    dilation: formatSize(op.dilation),
    outputSize: formatSize(op.outputSize),
    divisorOverride: op.divisorOverride === null || op.divisorOverride === undefined ? '' : String(op.divisorOverride),
    p: op.p === null || op.p === undefined ? '' : String(op.p),
    ceilMode: Boolean(op.ceilMode),
    countIncludePad: op.countIncludePad ?? true,
  };
}

function sizeJson(text) {
  const size = parseSize(text);
  return size[0] === size[1] ? size[0] : size;
}

/**
 * Converts a valid op model into the API's JSON op, leaving out defaults. An
 * adaptive op has only its output size, as the API rejects window parameters
 * next to it.
 */
export function opToJson(op) {
  const json = { mode: op.mode };
  if (op.outputSize.trim() !== '') {
    json.outputSize = parseSize(op.outputSize);
    return json;
  }
  json.kernel = sizeJson(op.kernel);
  for (const name of ['stride', 'padding', 'dilation']) {
    if (op[name].trim() !== '') {
      json[name] = sizeJson(op[name]);
    }
  }
  if (op.ceilMode) {
    json.ceilMode = true;
  }
  if (op.mode === 'avg') {
    json.countIncludePad = op.countIncludePad;
    if (op.divisorOverride.trim() !== '') {
      json.divisorOverride = Number(op.divisorOverride);
    }
  }
  if (op.mode === 'lp') {
    json.p = Number(op.p);
  }
  return json;
}

/** Converts a valid op model into query parameters for POST /pool. */
export function opToQuery(op) {
  const json = opToJson(op);
  const query = {};
  for (const [name, value] of Object.entries(json)) {
    query[name] = Array.isArray(value) ? value.join('x') : String(value);
  }
  return query;
}

/**
 * Builds the fields of one op inside container. Field ids are
 * `${prefix}-${name}`, and every change updates op and calls onChange.
 */
export function renderOpFields(container, prefix, op, onChange) {
  container.replaceChildren();
  const inputs = {};
  for (const field of OP_FIELDS) {
    const id = `${prefix}-${field.name}`;
    const wrapper = document.createElement('div');
    wrapper.className = 'field';
    wrapper.dataset.field = field.name;
    let input;
    if (field.kind === 'mode') {
      input = document.createElement('select');
      for (const mode of MODES) {
        const option = document.createElement('option');
        option.value = mode;
        option.textContent = t(`editor.mode.${mode}`);
        input.append(option);
      }
      input.value = op.mode;
    } else if (field.kind === 'boolean') {
      input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = Boolean(op[field.name]);
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.inputMode = field.kind === 'number' ? 'decimal' : 'numeric';
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.value = op[field.name];
    }
    input.id = id;
    input.name = field.name;
    input.dataset.testid = id;

    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t(`editor.${field.name}`);
    const error = document.createElement('p');
    error.className = 'field-error';
    error.id = `${id}-error`;
    const describedBy = [error.id];

    if (field.kind === 'boolean') {
      label.textContent = '';
      label.className = 'checkbox';
      const text = document.createElement('span');
      text.textContent = t(`editor.${field.name}`);
      label.append(input, text);
      wrapper.append(label, error);
    } else {
      wrapper.append(label, input);
      if (field.hint) {
        const hint = document.createElement('p');
        hint.className = 'hint';
        hint.id = `${id}-hint`;
        hint.textContent = t(field.hint);
        wrapper.append(hint);
        describedBy.unshift(hint.id);
      }
      wrapper.append(error);
    }
    input.setAttribute('aria-describedby', describedBy.join(' '));

    // Text fields validate on every keystroke, selects and checkboxes on change.
    const eventName = field.kind === 'mode' || field.kind === 'boolean' ? 'change' : 'input';
    input.addEventListener(eventName, () => {
      op[field.name] = field.kind === 'boolean' ? input.checked : input.value;
      applyModeVisibility(container, op);
      onChange(field.name);
    });
    inputs[field.name] = input;
    container.append(wrapper);
  }
  applyModeVisibility(container, op);
  return inputs;
}

/** Shows only the fields the op's mode uses, and disables window fields in adaptive mode. */
function applyModeVisibility(container, op) {
  const adaptive = op.outputSize.trim() !== '';
  for (const field of OP_FIELDS) {
    const wrapper = container.querySelector(`[data-field="${field.name}"]`);
    wrapper.hidden = Boolean(field.modes) && !field.modes.includes(op.mode);
    if (field.adaptiveOff) {
      wrapper.querySelector('input').disabled = adaptive;
    }
  }
}

/** Shows message under the input with this id, or clears it when message is empty. */
export function setFieldError(inputId, message) {
  const input = document.getElementById(inputId);
  const error = document.getElementById(`${inputId}-error`);
  if (!input || !error) {
    return false;
  }
  error.textContent = message ?? '';
  if (message) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
  return true;
}

export function clearErrors(root) {
  root.querySelectorAll('.field-error, .form-error').forEach((node) => {
    node.textContent = '';
  });
  root.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
}

/** Splits a problem's parameter ("pipeline[1].padding", "/pipeline/1/padding") into path parts. */
export function parameterPath(parameter) {
  return String(parameter)
    .replace(/^\//, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .split('.')
    .filter(Boolean);
}

/** Formats an ApiError for a form-level message. */
export function describeError(error) {
  if (error.status === 0) {
    return t('error.network', { reason: error.message });
  }
  const problem = error.problem;
  if (problem?.detail) {
    return t('error.problem', { title: problem.title ?? error.status, detail: problem.detail });
  }
  return problem?.title ?? t('error.http', { status: error.status });
}

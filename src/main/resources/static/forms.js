// The stream editor (create and edit) and the delete confirmation. Fields
// validate as the user types, and a problem from the server is shown next to
// the field its "parameter" names.

import { ApiError, deleteStream, putStream, STREAM_ID_PATTERN } from './api.js';
import {
  clearErrors,
  defaultOp,
  describeError,
  OP_FIELD_NAMES,
  opFromDescription,
  opToJson,
  parameterPath,
  renderOpFields,
  setFieldError,
  validateOp,
} from './fields.js';
import { onLanguageChange, t } from './i18n.js';

const POLICIES = ['latest', 'drop-oldest', 'buffer', 'block', 'error'];

/** Field ids of the editor's stream-level settings, by API parameter path. */
const STREAM_FIELDS = {
  id: 'stream-id',
  'output.format': 'output-format',
  format: 'output-format',
  'output.inline': 'output-inline',
  inline: 'output-inline',
  'backpressure.policy': 'backpressure-policy',
  policy: 'backpressure-policy',
  'backpressure.capacity': 'backpressure-capacity',
  capacity: 'backpressure-capacity',
  retention: 'retention',
};

function validateWholeNumber(inputId, min) {
  const value = document.getElementById(inputId).value.trim();
  const valid = /^\d+$/.test(value) && Number(value) >= min;
  const message = valid ? '' : t(min === 0 ? 'validate.nonNegativeInt' : 'validate.positiveInt');
  setFieldError(inputId, message);
  return valid;
}

/** The create/edit dialog for one stream. */
export class StreamEditor {
  constructor({ onSaved, toast }) {
    this.onSaved = onSaved;
    this.toast = toast;
    this.dialog = document.getElementById('editor');
    this.form = document.getElementById('stream-form');
    this.title = document.getElementById('editor-title');
    this.idInput = document.getElementById('stream-id');
    this.opList = document.getElementById('pipeline-ops');
    this.saveButton = document.getElementById('stream-save');
    this.formError = document.getElementById('stream-error');
    this.ops = [];
    this.editingId = null;

    document.getElementById('add-op').addEventListener('click', () => {
      this.ops.push(defaultOp());
      this.renderOps();
      this.opList.querySelector(`#op-${this.ops.length - 1}-mode`)?.focus();
    });
    document.getElementById('stream-cancel').addEventListener('click', () => this.dialog.close());
    this.idInput.addEventListener('input', () => this.validateId());
    document.getElementById('backpressure-capacity').addEventListener('input', () => validateWholeNumber('backpressure-capacity', 1));
    document.getElementById('retention').addEventListener('input', () => validateWholeNumber('retention', 1));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    onLanguageChange(() => this.translate());
  }

  openCreate() {
    this.editingId = null;
    this.fill({ pipeline: [{ mode: 'max', kernel: 2 }], output: { format: 'jpeg', inline: true }, backpressure: { policy: 'latest', capacity: 4 }, retention: 64 });
    this.idInput.value = '';
    this.idInput.readOnly = false;
    this.show();
  }

  openEdit(description) {
    this.editingId = description.id;
    this.fill(description);
    this.idInput.value = description.id;
    this.idInput.readOnly = true;
    this.show();
  }

  fill(description) {
    clearErrors(this.form);
    this.ops = (description.pipeline ?? []).map(opFromDescription);
    document.getElementById('output-format').value = description.output?.format ?? 'jpeg';
    document.getElementById('output-inline').checked = description.output?.inline ?? true;
    const policy = description.backpressure?.policy;
    document.getElementById('backpressure-policy').value = POLICIES.includes(policy) ? policy : 'latest';
    document.getElementById('backpressure-capacity').value = description.backpressure?.capacity ?? 4;
    document.getElementById('retention').value = description.retention ?? 64;
    this.renderOps();
  }

  show() {
    this.renderTitle();
    this.dialog.showModal();
    (this.editingId ? this.opList.querySelector('select, input') ?? this.saveButton : this.idInput).focus();
  }

  renderTitle() {
    this.title.textContent = this.editingId ? t('editor.editTitle', { id: this.editingId }) : t('editor.createTitle');
  }

  translate() {
    this.renderTitle();
    if (this.dialog.open) {
      this.renderOps();
      this.validateAll();
    }
  }

  /** Redraws the op list from this.ops, which contains the typed values. */
  renderOps() {
    this.opList.replaceChildren();
    this.ops.forEach((op, index) => {
      const item = document.createElement('li');
      item.className = 'op';
      item.dataset.testid = `op-${index}`;
      const head = document.createElement('div');
      head.className = 'op-head';
      const heading = document.createElement('h4');
      heading.textContent = t('editor.op', { n: index + 1 });
      const actions = document.createElement('div');
      actions.className = 'dialog-actions';
      actions.append(
        this.opButton('↑', 'editor.moveUp', index, index === 0, () => this.moveOp(index, -1)),
        this.opButton('↓', 'editor.moveDown', index, index === this.ops.length - 1, () => this.moveOp(index, 1)),
        this.opButton('✕', 'editor.removeOp', index, this.ops.length === 1, () => this.removeOp(index)),
      );
      head.append(heading, actions);
      const fields = document.createElement('div');
      fields.className = 'op-fields';
      item.append(head, fields);
      this.opList.append(item);
      renderOpFields(fields, `op-${index}`, op, () => this.validateOpAt(index));
    });
    // Redrawing replaces the error messages, so check every op again.
    this.ops.forEach((op, index) => this.validateOpAt(index));
  }

  opButton(symbol, labelKey, index, disabled, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button small';
    button.textContent = symbol;
    button.disabled = disabled;
    button.setAttribute('aria-label', t(labelKey, { n: index + 1 }));
    button.title = t(labelKey, { n: index + 1 });
    button.dataset.testid = `${labelKey.replace('editor.', 'op-')}-${index}`;
    button.addEventListener('click', onClick);
    return button;
  }

  moveOp(index, offset) {
    const target = index + offset;
    [this.ops[index], this.ops[target]] = [this.ops[target], this.ops[index]];
    this.renderOps();
    const buttonKey = offset < 0 ? 'op-moveUp' : 'op-moveDown';
    const button = this.opList.querySelector(`[data-testid="${buttonKey}-${target}"]`);
    (button && !button.disabled ? button : this.opList.querySelector(`#op-${target}-mode`))?.focus();
  }

  removeOp(index) {
    this.ops.splice(index, 1);
    this.renderOps();
    const next = Math.min(index, this.ops.length - 1);
    (next >= 0 ? this.opList.querySelector(`#op-${next}-mode`) : document.getElementById('add-op')).focus();
  }

  validateId() {
    const value = this.idInput.value;
    let message = '';
    if (value === '') {
      message = t('validate.required');
    } else if (!STREAM_ID_PATTERN.test(value)) {
      message = t('validate.id');
    }
    setFieldError('stream-id', message);
    return !message;
  }

  validateOpAt(index) {
    const errors = validateOp(this.ops[index]);
    for (const name of OP_FIELD_NAMES) {
      setFieldError(`op-${index}-${name}`, errors[name] ?? '');
    }
    return Object.keys(errors).length === 0;
  }

  validateAll() {
    let valid = this.validateId();
    this.ops.forEach((op, index) => {
      valid = this.validateOpAt(index) && valid;
    });
    valid = validateWholeNumber('backpressure-capacity', 1) && valid;
    valid = validateWholeNumber('retention', 1) && valid;
    return valid;
  }

  requestBody() {
    return {
      pipeline: this.ops.map(opToJson),
      output: {
        format: document.getElementById('output-format').value,
        inline: document.getElementById('output-inline').checked,
      },
      backpressure: {
        policy: document.getElementById('backpressure-policy').value,
        capacity: Number(document.getElementById('backpressure-capacity').value),
      },
      retention: Number(document.getElementById('retention').value),
    };
  }

  async save() {
    this.formError.textContent = '';
    if (!this.validateAll()) {
      this.formError.textContent = t('editor.invalid');
      this.form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const id = this.idInput.value;
    this.saveButton.disabled = true;
    try {
      await putStream(id, this.requestBody());
      this.dialog.close();
      this.toast(t('editor.saved', { id }));
      this.onSaved(id);
    } catch (error) {
      this.showServerError(error);
    } finally {
      this.saveButton.disabled = false;
    }
  }

  /** Puts the problem's detail next to the field its parameter names, else above the buttons. */
  showServerError(error) {
    const message = error instanceof ApiError ? describeError(error) : String(error);
    const inputId = error instanceof ApiError && error.parameter ? this.inputIdFor(error.parameter) : null;
    if (inputId && setFieldError(inputId, error.problem?.detail ?? message)) {
      document.getElementById(inputId).focus();
      this.formError.textContent = t('editor.invalid');
      return;
    }
    this.formError.textContent = error.parameter ? `${message} (${error.parameter})` : message;
  }

  inputIdFor(parameter) {
    const path = parameterPath(parameter);
    if (path[0] === 'pipeline' && /^\d+$/.test(path[1] ?? '')) {
      return `op-${path[1]}-${path[2] ?? 'mode'}`;
    }
    // A bare op field name can only be placed when the pipeline has one op.
    if (OP_FIELD_NAMES.includes(path[0]) && this.ops.length === 1) {
      return `op-0-${path[0]}`;
    }
    return STREAM_FIELDS[path.join('.')] ?? null;
  }
}

/** The confirmation dialog before DELETE /streams/{id}. */
export class DeleteConfirm {
  constructor({ onDeleted, toast }) {
    this.onDeleted = onDeleted;
    this.toast = toast;
    this.dialog = document.getElementById('confirm-delete');
    this.title = document.getElementById('confirm-delete-title');
    this.error = document.getElementById('delete-error');
    this.confirmButton = document.getElementById('delete-confirm');
    this.streamId = null;
    document.getElementById('delete-cancel').addEventListener('click', () => this.dialog.close());
    this.confirmButton.addEventListener('click', () => this.confirm());
    onLanguageChange(() => this.renderTitle());
  }

  open(id) {
    this.streamId = id;
    this.error.textContent = '';
    this.renderTitle();
    this.dialog.showModal();
    // Focus the safe choice first, so Enter does not delete by accident.
    document.getElementById('delete-cancel').focus();
  }

  renderTitle() {
    if (this.streamId) {
      this.title.textContent = t('delete.title', { id: this.streamId });
    }
  }

  async confirm() {
    const id = this.streamId;
    this.confirmButton.disabled = true;
    try {
      await deleteStream(id);
      this.dialog.close();
      this.toast(t('delete.done', { id }));
      this.onDeleted(id);
    } catch (error) {
      this.error.textContent = describeError(error);
    } finally {
      this.confirmButton.disabled = false;
    }
  }
}

// Dictionary and lookup for every text the dashboard shows, in English and
// Simplified Chinese. Elements carry data-i18n (text content),
// data-i18n-aria-label, data-i18n-title or data-i18n-placeholder with a key.

const STORAGE_KEY = 'poolstream.lang';

export const LANGUAGES = { en: 'English', zh: '简体中文' };

const MESSAGES = {
  en: {
    'app.title': 'poolstream dashboard',
    'app.product': 'poolstream',
    'app.tagline': 'Live image pooling',
    'lang.label': 'Language',
    'nav.skip': 'Skip to streams',

    'auth.label': 'API key',
    'auth.save': 'Use key',
    'auth.required': 'This server needs an API key with the read scope.',
    'auth.rejected': 'The server rejected this key; check it or ask for a new one.',
    'auth.kept': 'Key kept for this tab only.',
    'summary.label': 'Connection summary',
    'summary.server.ok': 'Server reachable',
    'summary.server.down': 'Server unreachable: {reason}',
    'summary.server.checking': 'Contacting server…',
    'summary.count.live': '{count} live',
    'summary.count.connecting': '{count} connecting',
    'summary.count.reconnecting': '{count} reconnecting',
    'summary.count.stopped': '{count} stopped',
    'summary.count.polling': '{count} polled',
    'summary.count.paused': '{count} paused off screen',
    'summary.count.stale': '{count} not updated',
    'summary.none': 'No streams',
    'summary.paused': 'Tab hidden: live updates paused',
    'summary.updated': 'Stream list updated {time}',

    'toolbar.new': 'New stream',
    'toolbar.showSource': 'Show source frames',
    'toolbar.refresh': 'Refresh now',

    'grid.heading': 'Streams',
    'grid.empty': 'No streams yet. Create one with “New stream”, then push frames to POST /api/v1/streams/{id}/frames.',
    'grid.loading': 'Loading streams…',

    'state.connecting': 'connecting…',
    'state.live': 'live',
    'state.reconnecting': 'reconnecting…',
    'state.stopped': 'stopped',
    'state.paused': 'paused',
    'state.polling': 'polled every {seconds} s',
    'state.stale': 'not updated',
    'state.stale.title': 'The stream list could not be refreshed, so this polled tile shows an old frame.',
    'state.polling.title': 'The browser allows only {limit} open connections to this server over HTTP/1.1, so this tile shows the latest frame and stats from the periodic refresh instead of a live event stream.',
    'state.stopped.title': 'The server closed the event stream or responded with an error. Retrying in {seconds} s.',
    'state.reconnecting.title': 'The event stream broke. The browser reconnects and resumes after the last received frame.',

    'tile.label': 'Stream {id}',
    'tile.result': 'Pooled result of stream {id}, frame {seq}',
    'tile.source': 'Source frame {seq} of stream {id}',
    'tile.noFrame': 'Waiting for the first frame',
    'tile.open': 'Open a larger view of stream {id}',
    'tile.details': 'Details',
    'tile.details.aria': 'Open details of stream {id}',
    'tile.toggleSource': 'Source',
    'tile.toggleSource.aria': 'Show the source frame of stream {id} beside the result',
    'tile.reconnect': 'Reconnect',
    'tile.reconnect.aria': 'Reconnect the event stream of stream {id}',
    'tile.pipeline': 'Pipeline',
    'tile.size': 'Size',
    'tile.sizeValue': '{inW}×{inH} → {outW}×{outH}',
    'tile.fps': 'fps in / out',
    'tile.latency': 'Latency',
    'tile.latencyValue': '{last} ms (p50 {p50}, p99 {p99})',
    'tile.latencyStats': 'p50 {p50} ms, p99 {p99} ms',
    'tile.seq': 'Frame',
    'tile.drops': 'Dropped / rejected',
    'tile.errors': 'Errors',
    'tile.noPipeline': 'no pooling (identity)',
    'tile.unknown': '–',

    'notice.gap': 'Missed {missed} results (frames {from}–{to}): they were older than the replay buffer.',
    'notice.lagged': 'This page fell behind and lost {dropped} events.',
    'notice.error': 'Frame {seq} failed: {title}. {detail}',
    'notice.dismiss': 'Dismiss notice',

    'viewer.title': 'Stream {id}, frame {seq}',
    'viewer.close': 'Close',
    'viewer.result': 'Pooled result',
    'viewer.source': 'Source frame',
    'viewer.sourceMissing': 'The source frame is not retained.',

    'detail.title': 'Stream {id}',
    'detail.close': 'Close',
    'detail.config': 'Configuration',
    'detail.pipeline': 'Pipeline',
    'detail.output': 'Output',
    'detail.outputValue': '{format}, {inline}',
    'detail.inline': 'inline in events',
    'detail.notInline': 'fetched by URL',
    'detail.backpressure': 'Backpressure',
    'detail.backpressureValue': '{policy}, capacity {capacity}',
    'detail.retention': 'Retention',
    'detail.retentionValue': '{count} results',
    'detail.subscribers': 'Subscribers',
    'detail.queued': 'Frames waiting',
    'detail.source': 'Pull source',
    'detail.sourceNone': 'none (frames are pushed)',
    'detail.sourceValue': '{type} {url}, every {interval} ms, {state}',
    'detail.counters': 'Counters',
    'detail.countersValue': '{received} received, {processed} processed, {dropped} dropped, {rejected} rejected, {errors} errors',
    'detail.charts': 'Last {minutes} minutes',
    'detail.chart.fps': 'Frames per second',
    'detail.chart.latency': 'Latency (ms)',
    'detail.chart.drops': 'Dropped, rejected and failed frames per sample',
    'detail.chartsUnavailable': 'Charts are unavailable because uPlot did not load.',
    'detail.chartsEmpty': 'No samples yet.',
    'detail.series.time': 'Time',
    'detail.series.fpsIn': 'fps in',
    'detail.series.fpsOut': 'fps out',
    'detail.series.fpsSeen': 'fps seen here',
    'detail.series.p50': 'p50',
    'detail.series.p99': 'p99',
    'detail.series.frameLatency': 'frame latency',
    'detail.series.dropped': 'dropped',
    'detail.series.rejected': 'rejected',
    'detail.series.errors': 'errors',
    'detail.errors': 'Recent errors',
    'detail.errorsEmpty': 'No error events since this page opened.',
    'detail.errorItem': 'Frame {seq} at {time}: {title} ({status}). {detail}',
    'detail.edit': 'Edit stream',
    'detail.delete': 'Delete stream',
    'detail.loadFailed': 'Could not load stream {id}: {reason}',

    'source.heading': 'Pull source',
    'source.url': 'Source URL',
    'source.url.hint': 'An MJPEG camera or an image URL. The server checks the address against its allowlist.',
    'source.type': 'Source type',
    'source.type.mjpeg': 'MJPEG stream',
    'source.type.poll': 'Polled image',
    'source.interval': 'Poll interval (ms)',
    'source.attach': 'Attach source',
    'source.detach': 'Detach source',
    'source.attached': 'Source attached.',
    'source.detached': 'Source detached.',

    'editor.createTitle': 'New stream',
    'editor.editTitle': 'Edit stream {id}',
    'editor.id': 'Stream id',
    'editor.id.hint': '1 to 64 characters: letters, digits, dot, underscore, hyphen.',
    'editor.pipeline': 'Pipeline',
    'editor.pipeline.hint': 'Stages run in order. A pipeline needs at least one stage.',
    'editor.op': 'Stage {n}',
    'editor.addOp': 'Add stage',
    'editor.removeOp': 'Remove stage {n}',
    'editor.moveUp': 'Move stage {n} up',
    'editor.moveDown': 'Move stage {n} down',
    'editor.mode': 'Mode',
    'editor.mode.max': 'max',
    'editor.mode.avg': 'average',
    'editor.mode.min': 'min',
    'editor.mode.lp': 'Lp (power average)',
    'editor.mode.gradient': 'gradient (Sobel, then max)',
    'editor.kernel': 'Kernel',
    'editor.kernel.hint': '2, or 3x2 for height × width',
    'editor.stride': 'Stride',
    'editor.stride.hint': 'default: the kernel',
    'editor.padding': 'Padding',
    'editor.dilation': 'Dilation',
    'editor.ceilMode': 'Ceil mode',
    'editor.countIncludePad': 'Count padding in average',
    'editor.divisorOverride': 'Divisor override',
    'editor.p': 'Power p',
    'editor.outputSize': 'Adaptive output size',
    'editor.outputSize.hint': 'HxW, replaces kernel and stride',
    'editor.output': 'Output',
    'editor.format': 'Image format',
    'editor.inline': 'Inline images in events',
    'editor.backpressure': 'Backpressure',
    'editor.policy': 'Policy',
    'editor.policy.latest': 'latest: keep only the newest waiting frame',
    'editor.policy.drop-oldest': 'drop-oldest: drop the oldest waiting frame',
    'editor.policy.buffer': 'buffer: queue, then reject when full',
    'editor.policy.block': 'block: stop reading the upload',
    'editor.policy.error': 'error: reject when busy',
    'editor.capacity': 'Capacity (frames)',
    'editor.retention': 'Retention (results kept for replay)',
    'editor.save': 'Save stream',
    'editor.cancel': 'Cancel',
    'editor.saved': 'Stream {id} saved.',
    'editor.invalid': 'Fix the marked fields first.',

    'delete.title': 'Delete stream {id}?',
    'delete.body': 'Its retained results and statistics are removed, and open event streams end.',
    'delete.confirm': 'Delete',
    'delete.cancel': 'Keep',
    'delete.done': 'Stream {id} deleted.',

    'pool.heading': 'Pool one image',
    'pool.hint': 'Runs POST /api/v1/pool on one image and shows the original beside the result.',
    'pool.file': 'Image file',
    'pool.run': 'Pool image',
    'pool.original': 'Original',
    'pool.originalAlt': 'Original image {name}',
    'pool.result': 'Result',
    'pool.size': '{width}×{height}, {bytes}',
    'pool.timing': 'Server timing: {timing}',
    'pool.noFile': 'Choose an image file first.',
    'pool.running': 'Pooling…',

    'validate.required': 'Enter a value.',
    'validate.id': 'Use 1 to 64 characters from A–Z, a–z, 0–9, dot, underscore and hyphen.',
    'validate.positiveInt': 'Enter a whole number of at least 1.',
    'validate.nonNegativeInt': 'Enter a whole number of at least 0.',
    'validate.size': 'Enter one whole number, or two as HxW (for example 3x2), each at least {min}.',
    'validate.paddingHalf': 'Padding must be at most half the kernel ({max}).',
    'validate.p': 'p must be a number above 0.',
    'validate.interval': 'Enter a whole number of milliseconds, at least 1.',
    'validate.url': 'Enter an absolute http or https URL.',

    'error.network': 'The server did not respond: {reason}',
    'error.http': 'The server answered {status}.',
    'error.problem': '{title}: {detail}',

    'units.bytes': '{value} B',
    'units.kib': '{value} KiB',
    'units.mib': '{value} MiB',
  },
  zh: {
    'app.title': 'poolstream 仪表板',
    'app.product': 'poolstream',
    'app.tagline': '实时图像池化',
    'lang.label': '语言',
    'nav.skip': '跳到数据流',

    'auth.label': 'API 密钥',
    'auth.save': '使用密钥',
    'auth.required': '此服务器需要具有 read 权限范围的 API 密钥。',
    'auth.rejected': '服务器拒绝了此密钥；请检查密钥或申请新密钥。',
    'auth.kept': '密钥仅保存在此标签页中。',
    'summary.label': '连接概况',
    'summary.server.ok': '服务器可访问',
    'summary.server.down': '无法访问服务器：{reason}',
    'summary.server.checking': '正在连接服务器…',
    'summary.count.live': '实时 {count}',
    'summary.count.connecting': '连接中 {count}',
    'summary.count.reconnecting': '重连中 {count}',
    'summary.count.stopped': '已停止 {count}',
    'summary.count.polling': '轮询 {count}',
    'summary.count.paused': '不在屏幕内已暂停 {count}',
    'summary.count.stale': '未更新 {count}',
    'summary.none': '没有数据流',
    'summary.paused': '标签页已隐藏：实时更新已暂停',
    'summary.updated': '数据流列表更新于 {time}',

    'toolbar.new': '新建数据流',
    'toolbar.showSource': '显示源帧',
    'toolbar.refresh': '立即刷新',

    'grid.heading': '数据流',
    'grid.empty': '还没有数据流。请用“新建数据流”创建，然后向 POST /api/v1/streams/{id}/frames 推送帧。',
    'grid.loading': '正在加载数据流…',

    'state.connecting': '连接中…',
    'state.live': '实时',
    'state.reconnecting': '重连中…',
    'state.stopped': '已停止',
    'state.paused': '已暂停',
    'state.polling': '每 {seconds} 秒轮询',
    'state.stale': '未更新',
    'state.stale.title': '无法刷新数据流列表，所以此轮询卡片显示的是旧帧。',
    'state.polling.title': '通过 HTTP/1.1 时浏览器对此服务器最多只开 {limit} 个连接，所以此卡片不用实时事件流，而是在定期刷新时显示最新帧和统计。',
    'state.stopped.title': '服务器关闭了事件流或返回了错误。{seconds} 秒后重试。',
    'state.reconnecting.title': '事件流中断。浏览器正在重连，并从最后收到的帧之后继续。',

    'tile.label': '数据流 {id}',
    'tile.result': '数据流 {id} 第 {seq} 帧的池化结果',
    'tile.source': '数据流 {id} 第 {seq} 帧的源图像',
    'tile.noFrame': '正在等待第一帧',
    'tile.open': '放大查看数据流 {id}',
    'tile.details': '详情',
    'tile.details.aria': '打开数据流 {id} 的详情',
    'tile.toggleSource': '源帧',
    'tile.toggleSource.aria': '在结果旁显示数据流 {id} 的源帧',
    'tile.reconnect': '重新连接',
    'tile.reconnect.aria': '重新连接数据流 {id} 的事件流',
    'tile.pipeline': '流水线',
    'tile.size': '尺寸',
    'tile.sizeValue': '{inW}×{inH} → {outW}×{outH}',
    'tile.fps': '输入 / 输出帧率',
    'tile.latency': '延迟',
    'tile.latencyValue': '{last} 毫秒（p50 {p50}，p99 {p99}）',
    'tile.latencyStats': 'p50 {p50} 毫秒，p99 {p99} 毫秒',
    'tile.seq': '帧号',
    'tile.drops': '丢弃 / 拒绝',
    'tile.errors': '错误',
    'tile.noPipeline': '无池化（原样输出）',
    'tile.unknown': '–',

    'notice.gap': '漏掉了 {missed} 个结果（第 {from}–{to} 帧）：它们已超出重放缓冲区。',
    'notice.lagged': '本页面处理不及，丢失了 {dropped} 个事件。',
    'notice.error': '第 {seq} 帧处理失败：{title}。{detail}',
    'notice.dismiss': '关闭提示',

    'viewer.title': '数据流 {id}，第 {seq} 帧',
    'viewer.close': '关闭',
    'viewer.result': '池化结果',
    'viewer.source': '源帧',
    'viewer.sourceMissing': '源帧未保留。',

    'detail.title': '数据流 {id}',
    'detail.close': '关闭',
    'detail.config': '配置',
    'detail.pipeline': '流水线',
    'detail.output': '输出',
    'detail.outputValue': '{format}，{inline}',
    'detail.inline': '内嵌在事件中',
    'detail.notInline': '通过 URL 获取',
    'detail.backpressure': '背压',
    'detail.backpressureValue': '{policy}，容量 {capacity}',
    'detail.retention': '保留',
    'detail.retentionValue': '{count} 个结果',
    'detail.subscribers': '订阅者',
    'detail.queued': '等待处理的帧',
    'detail.source': '拉取源',
    'detail.sourceNone': '无（帧由客户端推送）',
    'detail.sourceValue': '{type} {url}，每 {interval} 毫秒，{state}',
    'detail.counters': '计数',
    'detail.countersValue': '收到 {received}，已处理 {processed}，丢弃 {dropped}，拒绝 {rejected}，错误 {errors}',
    'detail.charts': '最近 {minutes} 分钟',
    'detail.chart.fps': '每秒帧数',
    'detail.chart.latency': '延迟（毫秒）',
    'detail.chart.drops': '每个采样间隔内丢弃、拒绝和失败的帧',
    'detail.chartsUnavailable': 'uPlot 未能加载，无法显示图表。',
    'detail.chartsEmpty': '还没有采样数据。',
    'detail.series.time': '时间',
    'detail.series.fpsIn': '输入帧率',
    'detail.series.fpsOut': '输出帧率',
    'detail.series.fpsSeen': '本页收到的帧率',
    'detail.series.p50': 'p50',
    'detail.series.p99': 'p99',
    'detail.series.frameLatency': '单帧延迟',
    'detail.series.dropped': '丢弃',
    'detail.series.rejected': '拒绝',
    'detail.series.errors': '错误',
    'detail.errors': '最近的错误',
    'detail.errorsEmpty': '本页打开以来没有错误事件。',
    'detail.errorItem': '第 {seq} 帧，{time}：{title}（{status}）。{detail}',
    'detail.edit': '编辑数据流',
    'detail.delete': '删除数据流',
    'detail.loadFailed': '无法加载数据流 {id}：{reason}',

    'source.heading': '拉取源',
    'source.url': '源 URL',
    'source.url.hint': 'MJPEG 摄像头或图像 URL。服务器会按允许列表检查该地址。',
    'source.type': '源类型',
    'source.type.mjpeg': 'MJPEG 流',
    'source.type.poll': '定时拉取图像',
    'source.interval': '拉取间隔（毫秒）',
    'source.attach': '连接源',
    'source.detach': '断开源',
    'source.attached': '已连接源。',
    'source.detached': '已断开源。',

    'editor.createTitle': '新建数据流',
    'editor.editTitle': '编辑数据流 {id}',
    'editor.id': '数据流 ID',
    'editor.id.hint': '1 到 64 个字符：字母、数字、点、下划线、连字符。',
    'editor.pipeline': '流水线',
    'editor.pipeline.hint': '各阶段依次执行。流水线至少需要一个阶段。',
    'editor.op': '第 {n} 阶段',
    'editor.addOp': '添加阶段',
    'editor.removeOp': '删除第 {n} 阶段',
    'editor.moveUp': '将第 {n} 阶段上移',
    'editor.moveDown': '将第 {n} 阶段下移',
    'editor.mode': '模式',
    'editor.mode.max': '最大值',
    'editor.mode.avg': '平均值',
    'editor.mode.min': '最小值',
    'editor.mode.lp': 'Lp（幂平均）',
    'editor.mode.gradient': '梯度（Sobel 后取最大值）',
    'editor.kernel': '核大小',
    'editor.kernel.hint': '2，或 3x2 表示高 × 宽',
    'editor.stride': '步长',
    'editor.stride.hint': '默认等于核大小',
    'editor.padding': '填充',
    'editor.dilation': '膨胀',
    'editor.ceilMode': '向上取整（ceil mode）',
    'editor.countIncludePad': '平均时计入填充',
    'editor.divisorOverride': '指定除数',
    'editor.p': '幂次 p',
    'editor.outputSize': '自适应输出尺寸',
    'editor.outputSize.hint': 'HxW，取代核大小和步长',
    'editor.output': '输出',
    'editor.format': '图像格式',
    'editor.inline': '在事件中内嵌图像',
    'editor.backpressure': '背压',
    'editor.policy': '策略',
    'editor.policy.latest': 'latest：只保留最新的等待帧',
    'editor.policy.drop-oldest': 'drop-oldest：丢弃最早的等待帧',
    'editor.policy.buffer': 'buffer：排队，满后拒绝',
    'editor.policy.block': 'block：暂停读取上传数据',
    'editor.policy.error': 'error：繁忙时拒绝',
    'editor.capacity': '容量（帧）',
    'editor.retention': '保留数量（用于重放的结果数）',
    'editor.save': '保存数据流',
    'editor.cancel': '取消',
    'editor.saved': '数据流 {id} 已保存。',
    'editor.invalid': '请先修正标出的字段。',

    'delete.title': '删除数据流 {id}？',
    'delete.body': '其保留的结果和统计将被删除，已打开的事件流也会结束。',
    'delete.confirm': '删除',
    'delete.cancel': '保留',
    'delete.done': '数据流 {id} 已删除。',

    'pool.heading': '池化单张图像',
    'pool.hint': '对一张图像调用 POST /api/v1/pool，并将原图与结果并排显示。',
    'pool.file': '图像文件',
    'pool.run': '池化图像',
    'pool.original': '原图',
    'pool.originalAlt': '原图 {name}',
    'pool.result': '结果',
    'pool.size': '{width}×{height}，{bytes}',
    'pool.timing': '服务器耗时：{timing}',
    'pool.noFile': '请先选择图像文件。',
    'pool.running': '正在池化…',

    'validate.required': '请输入值。',
    'validate.id': '请使用 1 到 64 个字符，限 A–Z、a–z、0–9、点、下划线和连字符。',
    'validate.positiveInt': '请输入不小于 1 的整数。',
    'validate.nonNegativeInt': '请输入不小于 0 的整数。',
    'validate.size': '请输入一个整数，或以 HxW 形式输入两个整数（例如 3x2），每个至少为 {min}。',
    'validate.paddingHalf': '填充不能超过核大小的一半（{max}）。',
    'validate.p': 'p 必须是大于 0 的数。',
    'validate.interval': '请输入不小于 1 的整数毫秒数。',
    'validate.url': '请输入以 http 或 https 开头的完整 URL。',

    'error.network': '服务器没有响应：{reason}',
    'error.http': '服务器返回 {status}。',
    'error.problem': '{title}：{detail}',

    'units.bytes': '{value} 字节',
    'units.kib': '{value} KiB',
    'units.mib': '{value} MiB',
  },
};

let current = detectLanguage();
const listeners = new Set();

function detectLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && stored in MESSAGES) {
    return stored;
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((tag) => tag?.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function language() {
  return current;
}

/** Returns the BCP 47 tag for Intl formatters and the html lang attribute. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en';
}

export function setLanguage(lang) {
  if (!(lang in MESSAGES) || lang === current) {
    return;
  }
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  translateDocument();
  listeners.forEach((listener) => listener(lang));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/**
 * Looks up a message and fills its {name} placeholders. A missing key falls
 * back to English, then to the key itself, so a gap shows up on screen.
 */
export function t(key, params = {}) {
  const template = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function formatNumber(value, fractionDigits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return t('tile.unknown');
  }
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) {
    return t('tile.unknown');
  }
  if (bytes < 1024) {
    return t('units.bytes', { value: formatNumber(bytes) });
  }
  if (bytes < 1024 * 1024) {
    return t('units.kib', { value: formatNumber(bytes / 1024, 1) });
  }
  return t('units.mib', { value: formatNumber(bytes / (1024 * 1024), 1) });
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

/** Applies the data-i18n* attributes under root to the current language. */
export function translateDocument(root = document) {
  if (root === document) {
    document.documentElement.lang = locale();
    document.title = t('app.title');
  }
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  for (const [attribute, dataKey] of [
    ['aria-label', 'i18nAriaLabel'],
    ['title', 'i18nTitle'],
    ['placeholder', 'i18nPlaceholder'],
  ]) {
    const selector = `[data-i18n-${attribute}]`;
    root.querySelectorAll(selector).forEach((element) => {
      element.setAttribute(attribute, t(element.dataset[dataKey]));
    });
  }
}

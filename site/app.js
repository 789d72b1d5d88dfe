// QuoteDesk page glue: starts the wasm module, feeds it the font and a workspace (the one kept in
// browser storage, else the sample), and does the browser's half of the platform (wasm/web/
// platform.h): opening files (picker, drop, Ctrl+O), downloads (Ctrl+S, exports), the debounced
// save to IndexedDB, the language and theme in localStorage, the IME textarea, paste, the service
// worker. It also exposes window.quotedesk (docs/architecture.md §3), the test API, which calls the same
// exported core functions the console uses. No network access beyond this site's own files; the
// standalone file (tools/dist.sh) carries the wasm, the font and the sample inside itself.
//
// Sections (each opens with a "// ---- name" line):
//   words of the HTML parts        the notices' texts, Chinese and English
//   calling the core               strings in and out, the staged open of files
//   the status line and the busy overlay
//   opening files                  picker, drop, Ctrl+O; downloads and Ctrl+S
//   browser storage                IndexedDB: the base, the journal's head and entries (docs/architecture.md §6)
//   two tabs                       generations, the storage lock, following another tab, replaying the journal
//   storage that fails             notices; the debounced save of a change (an entry, or the workspace whole)
//   the IME textarea and paste
//   debug                          the input log
//   start                          module, font, stored workspace or sample, first frame; window.quotedesk
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const statusText = $('status-text');
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  let mod = null;

  // Where opened files come from (wasm/web/workspace_io.cpp, qd_load_staged).
  const SOURCE = { files: 0, sample: 1, storage: 2 };

  // ---- words of the HTML parts (the console's own are in the wasm i18n tables) ------------------
  const WORDS = {
    zh: {
      saving: (name) => `正在保存 ${name}…`,
      opened: (names, s) => `已打开 ${names}：${s.resources} 个资源，${s.orders} 个订单。`,
      imported: (a) => `华为云数据：已打开 ${a.records} 条，跳过 ${a.skipped} 条${a.warnings.length ? '（导入报告见页面顶部“查看”）' : ''}。`,
      refused: (names) => `无法打开 ${names}，当前工作区保持不变：`,
      readFailed: (name, why) => `无法读取 ${name}：${why}`,
      sample: '已恢复示例数据。',
      openCancelled: (names) => `已取消打开 ${names}，当前工作区保持不变。`,
      openBusy: (running, names) => `正在打开 ${running}，请等它完成或取消后再打开 ${names}。`,
      close: '关闭',
      openPrompt: '打开工作区或华为云 BSS 接口响应（可多选），也可以把文件拖放到页面上。',
      choose: '选择文件…',
      updated: 'QuoteDesk 已更新，刷新页面即可使用新版本。',
      cancel: '取消',
      storageMissing: '此浏览器窗口不提供浏览器存储（例如无痕窗口），工作区只保存在本页中，关闭或刷新页面后将丢失。请下载工作区以保留您的操作。',
      storageFull: '浏览器存储空间已满，最近的更改未能保存（存储中仍是上一次完整保存的工作区）。您可以继续操作；请下载工作区以保留您的操作。',
      storageFailed: (why) => `无法保存到浏览器存储（${why}），存储中仍是上一次完整保存的工作区。您可以继续操作；请下载工作区以保留您的操作。`,
      storedUnreadable: (why) => `浏览器存储中的工作区无法读取（${why}），已改为打开示例数据。存储的副本在您做出更改前保持不变，可下载保留。`,
      downloadWorkspace: '下载工作区',
      journalBad: (i, n, why) => `浏览器存储中的第 ${i} 条更改（共 ${n} 条）无法读取（${why}），已打开存储的工作区及其之前的 ${i - 1} 条更改。存储在您做出下一次更改前保持不变；请下载工作区以保留当前内容。`,
      downloadStored: '下载存储的副本',
      synced: '已载入另一个标签页中的更改。',
      conflict: '另一个标签页先更改了工作区，本页刚才的更改未保存，已载入最新的工作区。请在此基础上重新操作。',
      tooBig: (size, m) => `文件太大，本页无法打开：打开 ${size} 的文件约需 ${formatSize(m.needed)} 内存，本页还能使用 ${formatSize(m.available)}（上限 ${formatSize(m.ceiling)}）。请关闭其他标签页后重试、只导出需要的资源或订单，或使用命令行工具 quotedesk（不受此限制）。`,
    },
    en: {
      saving: (name) => `Saving ${name}…`,
      opened: (names, s) => `Opened ${names}: ${s.resources} resources, ${s.orders} orders.`,
      imported: (a) => `Huawei Cloud data: opened ${a.records}, skipped ${a.skipped}${a.warnings.length ? ' (import report: “Show” at the top of the page)' : ''}.`,
      refused: (names) => `Could not open ${names}; the workspace is unchanged:`,
      readFailed: (name, why) => `Could not read ${name}: ${why}`,
      sample: 'Sample data restored.',
      openCancelled: (names) => `Opening ${names} was cancelled; the workspace is unchanged.`,
      openBusy: (running, names) => `Still opening ${running}: wait for it or cancel it, then open ${names}.`,
      close: 'Close',
      openPrompt: 'Open a workspace or Huawei Cloud BSS responses (several at once), or drop files on the page.',
      choose: 'Choose files…',
      updated: 'QuoteDesk was updated; reload the page to use the new version.',
      cancel: 'Cancel',
      storageMissing: 'This browser window offers no browser storage (a private window?): the workspace lives in this page only and is lost when it is closed or reloaded. Download the workspace to keep your work.',
      storageFull: 'Browser storage is full: the latest changes were not saved (storage still holds the last workspace saved whole). You can keep working; download the workspace to keep your work.',
      storageFailed: (why) => `Could not save to browser storage (${why}); it still holds the last workspace saved whole. You can keep working; download the workspace to keep your work.`,
      storedUnreadable: (why) => `The workspace in browser storage could not be read (${why}); the sample is open instead. The stored copy stays as it is until you change something; you can download it.`,
      downloadWorkspace: 'Download workspace',
      journalBad: (i, n, why) => `Change ${i} of ${n} kept in browser storage could not be read (${why}); the stored workspace is open with the ${i - 1} changes before it. Storage stays as it is until your next change; download the workspace to keep what is open.`,
      downloadStored: 'Download the stored copy',
      synced: 'Loaded the changes made in another tab.',
      conflict: 'Another tab changed the workspace first: this page\'s latest change was not saved and the newest workspace is open. Please redo it on top of that.',
      tooBig: (size, m) => `Too big for this page: opening ${size} of files takes about ${formatSize(m.needed)} of memory and the page has ${formatSize(m.available)} left (limit ${formatSize(m.ceiling)}). Close other tabs and try again, export only the resources or orders you need, or use the quotedesk command line (no such limit).`,
    },
  };
  function words() {
    let lang = 'zh';
    try { lang = JSON.parse(mod.UTF8ToString(mod._qd_state())).lang; } catch { /* before start */ }
    return WORDS[lang] || WORDS.zh;
  }
  const formatSize = (n) => (n >= 1e6 ? (n / 1e6).toFixed(1) + ' MB' : Math.max(1, Math.round(n / 1e3)) + ' KB');

  function fail(message) {
    status.classList.remove('hidden');
    status.classList.add('error');
    statusText.textContent = '无法启动 QuoteDesk / QuoteDesk could not start:\n' + message;
    rejectReady(new Error(message));
  }

  // ---- calling the core ---------------------------------------------------------------------------

  function withStrings(strings, fn) {
    const ptrs = strings.map((s) => {
      const n = mod.lengthBytesUTF8(s) + 1;
      const p = mod._malloc(n);
      mod.stringToUTF8(s, p, n);
      return p;
    });
    try { return fn(...ptrs); } finally { ptrs.forEach((p) => mod._free(p)); }
  }

  // Calls an exported function taking and returning UTF-8 strings; returns the JSON text.
  function call(name, ...strings) {
    return withStrings(strings, (...ptrs) => mod.UTF8ToString(mod['_' + name](...ptrs)));
  }

  // ---- opening files: a step per slice, with the console's bar and Cancel ----------------------------
  // docs/architecture.md §2 "Opening a file". The core reads the files a slice at a time (core/io/load.h
  // StreamedLoad), and between slices the page lets its events run, so a click on the console's 取消 or
  // Esc is seen (an input asks the console for a frame, drawn at the browser's next chance) and drops
  // the open: nothing changes. One open at a time: a second while one runs is refused (busy), the first
  // goes on. The bar (ui/open_progress.h) is drawn only when it is worth a frame: not in the first
  // OPEN_QUIET_MS (an open that short shows no bar at all: a wait under a second needs no feedback of
  // its own, and a bar that flashes up and goes only distracts), then at most once per OPEN_BAR_MS, and never
  // for more than about a tenth of the open: with software GL a frame of the console holds the page
  // 30-60 ms, so there the bar moves two or three times a second, with a GPU ten times
  // (docs/performance.md "Progress and Cancel").
  const OPEN_SLICE_MS = 12;               // reading between two looks at the page's events
  const OPEN_QUIET_MS = 500, OPEN_BAR_MS = 100, OPEN_BAR_MAX_MS = 500;
  const OPEN_STEP_BYTES = 256 * 1024;     // a window of the loader: a few ms in wasm
  let openInProgress = null;              // the names of the open in progress
  const busyAnswer = (names) => ({ ok: false, busy: true, errors: [{ text: words().openBusy(openInProgress, names) }] });
  const cancelledAnswer = () => ({ ok: false, cancelled: true, errors: [] });
  const openCancelled = () => mod._qd_open_cancelled() !== 0;
  // The page's start holds the console's frames until its first (the canvas is shown with it).
  let framesHeld = true;
  // The pace of an open: call it after each step; it answers null (go on reading) or, once a slice is
  // over, a promise of the next task (the events meanwhile run), asking for the bar's frame when due.
  function openPacer() {
    let sliceStart = performance.now();
    let nextBar = sliceStart + OPEN_QUIET_MS;
    return () => {
      const now = performance.now();
      if (now - sliceStart < OPEN_SLICE_MS) return null;
      if (now < nextBar) return nextTask().then(() => { sliceStart = performance.now(); });
      mod._qd_open_redraw();
      return afterFrame().then(() => {
        sliceStart = performance.now();
        // the next bar when ten times this one's cost has gone to reading
        nextBar = sliceStart + Math.min(OPEN_BAR_MAX_MS, Math.max(OPEN_BAR_MS, 10 * (sliceStart - now)));
      });
    };
  }
  // After the next animation frame (the console's, when it asked for one) and the task after it; a
  // hidden page draws no frames, nor does the page while it starts: then the next task.
  const afterFrame = () => new Promise((resolve) => {
    if (framesHeld || document.visibilityState === 'hidden') { nextTask().then(resolve); return; }
    const t = setTimeout(resolve, 100);
    requestAnimationFrame(() => nextTask().then(() => { clearTimeout(t); resolve(); }));
  });
  // Calls step() (1 done, 0 more, -1 cancelled) until it is done or cancelled.
  async function stepOpen(step) {
    const pace = openPacer();
    for (;;) {
      const r = step();
      if (r !== 0) return r;
      const wait = pace();
      if (wait) await wait;
    }
  }
  function beginOpen(names, count, total, source) {
    openInProgress = names;
    withStrings([names], (p) => mod._qd_open_begin(p, count, total, source === SOURCE.files ? 1 : 0));
  }
  function endOpen() {
    mod.qdStreamed = null;
    mod._qd_open_end();
    openInProgress = null;
  }

  // Opens [{name, bytes}] as one workspace (a quotedesk/1 file and/or Huawei BSS responses,
  // merged by the core; atomic). Resolves to the answer object: {ok, summary}, {ok: false, errors},
  // {ok: false, cancelled: true} (Cancel: nothing changed) or {ok: false, busy: true} (another open runs).
  async function loadFiles(files, source) {
    const names = files.map((f) => f.name).join(', ');
    if (openInProgress !== null) return busyAnswer(names);
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    const refusal = memoryRefusal(total);
    if (refusal) return refusal;
    beginOpen(names, files.length, total, source);
    try { return await openSteps(files, source); } finally { endOpen(); }
  }

  // The open itself, once the bar is up (beginOpen). One file: the loader reads it from here a piece
  // at a time (qd_open_stream_*), so the wasm heap never holds the whole text; "" from its finish when
  // it needs the whole text (a Huawei response, a problem to report). Several files, or that one: each
  // staged in the heap (one per slice, Cancel checked between them), then opened in one call.
  async function openSteps(files, source) {
    const opened = (answer) => {
      // Files opened are a change to store: waiting from now on, not from the console's next frame, so
      // that another tab's save meanwhile is not followed over it (docs/architecture.md §6).
      if (answer.ok && source === SOURCE.files) schedulePersist();
      return answer;
    };
    if (files.length === 1 && files[0].bytes.length > 0) {
      mod.qdStreamed = files[0].bytes instanceof Uint8Array ? files[0].bytes : new Uint8Array(files[0].bytes);
      mod._qd_open_file(0, 0);
      if (!withStrings([files[0].name], (p) => mod._qd_open_stream_begin(p, files[0].bytes.length))) return cancelledAnswer();
      if (await stepOpen(() => mod._qd_open_stream_step(OPEN_STEP_BYTES)) < 0) return cancelledAnswer();
      const answer = mod.UTF8ToString(mod._qd_open_stream_finish(source));
      mod.qdStreamed = null;
      // (A streamed open's save is scheduled by the console's next frame, as before: scheduling it here
      // too changed the order of two tabs' saves in tests/web/storage.mjs "two tabs changing at once".)
      if (answer) return JSON.parse(answer);
    }
    let done = 0;
    const pace = openPacer();
    for (let i = 0; i < files.length; i++) {
      const wait = pace();
      if (wait) await wait;
      if (openCancelled()) return cancelledAnswer();
      mod._qd_open_file(i, done);
      const f = files[i];
      const to = withStrings([f.name], (namePtr) => mod._qd_stage_file(namePtr, f.bytes.length));
      if (f.bytes.length) mod.HEAPU8.set(f.bytes, to);   // HEAPU8 read after the call: the heap may have grown
      done += f.bytes.length;
    }
    if (openCancelled()) return cancelledAnswer();
    return opened(JSON.parse(mod.UTF8ToString(mod._qd_load_staged(source))));
  }

  // A file too big for the page (core/io/load.h CheckOpenMemory): refused before anything is read or
  // staged, in the form of a refused open ({ok:false, errors, memory}); null when it fits.
  function memoryRefusal(bytes) {
    const m = JSON.parse(mod.UTF8ToString(mod._qd_check_open(bytes)));
    return m.fits ? null : { ok: false, memory: m, errors: [{ text: words().tooBig(formatSize(bytes), m) }] };
  }

  // ---- the status line and the busy overlay -------------------------------------------------------

  let noticeTimer = 0;
  let noticeRun = null;
  let noticeOwner = null;   // 'storage' while the notice is the storage failure's
  // A message in the status line; `action` ({label, run}) adds a button beside it (e.g. a download).
  function notice(text, kind, action) {
    const box = $('notice');
    $('notice-text').textContent = text;
    $('notice-close').setAttribute('aria-label', words().close);
    $('notice-action').hidden = !action;
    $('notice-action').textContent = action ? action.label : '';
    noticeRun = action ? action.run : null;
    noticeOwner = null;
    box.className = kind;
    box.hidden = false;
    clearTimeout(noticeTimer);
    if (kind === 'ok') noticeTimer = setTimeout(() => { box.hidden = true; }, 5000);
  }
  function busy(text, fraction) {
    $('busy').hidden = text === null;
    if (text === null) return;
    $('busy-text').textContent = text;
    const bar = $('busy-progress');
    if (fraction === undefined) bar.removeAttribute('value'); else bar.value = fraction;
  }

  function reportOpen(answer, names) {
    const w = words();
    // Huawei responses: "opened N, skipped K" (docs/huawei-data.md); kept until closed when records were skipped.
    const imported = answer.ok && (answer.records > 0 || answer.skipped > 0 || (answer.warnings || []).length > 0);
    if (answer.cancelled) notice(w.openCancelled(names), 'ok');
    else if (answer.ok) notice(w.opened(names, answer.summary) + (imported ? ' ' + w.imported(answer) : ''), answer.skipped > 0 ? 'warn' : 'ok');
    else notice(w.refused(names) + '\n' + answer.errors.map((e) => e.text).join('\n'), 'error');
  }

  // ---- opening files: picker, drop, Ctrl+O ----------------------------------------------------------

  // Reads the files (File.arrayBuffer, one after the other, the console's bar from the first), then
  // opens them (openSteps). The open workspace changes only if every file is good and no one cancelled.
  async function openFileList(list) {
    list = Array.from(list || []);
    if (!list.length || !mod) return null;
    const names = list.map((f) => f.name).join(', ');
    if (openInProgress !== null) { const busy = busyAnswer(names); reportOpen(busy, names); return busy; }
    const total = list.reduce((n, f) => n + f.size, 0);
    const refusal = memoryRefusal(total);
    if (refusal) { reportOpen(refusal, names); return refusal; }
    beginOpen(names, list.length, total, SOURCE.files);
    // Reading from the disk does not hold the page: the bar from OPEN_QUIET_MS on, and after each file.
    const started = performance.now();
    const bar = setTimeout(() => mod._qd_open_redraw(), OPEN_QUIET_MS);
    try {
      const files = [];
      let done = 0;
      for (let i = 0; i < list.length; i++) {
        mod._qd_open_file(i, done);
        if (performance.now() - started >= OPEN_QUIET_MS) mod._qd_open_redraw();
        let bytes;
        try { bytes = new Uint8Array(await list[i].arrayBuffer()); }
        catch (e) { notice(words().readFailed(list[i].name, e && e.message ? e.message : String(e)), 'error'); return null; }
        if (openCancelled()) { reportOpen(cancelledAnswer(), names); return cancelledAnswer(); }
        files.push({ name: list[i].name, bytes });
        done += bytes.length;
      }
      const answer = await openSteps(files, SOURCE.files);
      files.length = 0;
      reportOpen(answer, names);
      return answer;
    } finally {
      clearTimeout(bar);
      endOpen();
    }
  }

  const fileInput = $('file-input');
  fileInput.addEventListener('change', () => {
    const list = Array.from(fileInput.files || []);
    fileInput.value = '';   // picking the same file again must fire change again
    openFileList(list);
  });

  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  let dragDepth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    $('drop-hint').hidden = false;
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', () => {
    if (--dragDepth <= 0) { dragDepth = 0; $('drop-hint').hidden = true; }
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();   // never let the browser navigate to the dropped file
    dragDepth = 0;
    $('drop-hint').hidden = true;
    if (e.dataTransfer && e.dataTransfer.files.length) openFileList(e.dataTransfer.files);
  });

  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || !mod) return;
    const k = (e.key || '').toLowerCase();
    if (k === 'o') { e.preventDefault(); openFilesFromShortcut(); }
    else if (k === 's') { e.preventDefault(); downloadWorkspace(); }
  });

  // Chromium grants no user activation to Ctrl+key chords, so the picker may not open from Ctrl+O:
  // when the window keeps the focus (no dialog came up) and nothing was picked, a small prompt
  // offers a real button for it (a click always may open the picker).
  let picked = false;
  fileInput.addEventListener('change', () => { picked = true; });
  function openFilesFromShortcut() {
    picked = false;
    let blurred = false;
    const onBlur = () => { blurred = true; };
    window.addEventListener('blur', onBlur, { once: true });
    fileInput.click();
    setTimeout(() => {
      window.removeEventListener('blur', onBlur);
      if (!blurred && !picked && document.hasFocus()) showOpenPrompt();
    }, 300);
  }
  function showOpenPrompt() {
    const w = words();
    $('open-prompt-text').textContent = w.openPrompt;
    $('open-prompt-choose').textContent = w.choose;
    $('open-prompt-cancel').textContent = w.cancel;
    $('open-prompt').hidden = false;
    $('open-prompt-choose').focus();
  }
  const hideOpenPrompt = () => { $('open-prompt').hidden = true; };
  $('open-prompt-choose').addEventListener('click', () => { hideOpenPrompt(); fileInput.click(); });
  $('open-prompt-cancel').addEventListener('click', hideOpenPrompt);
  $('open-prompt').addEventListener('keydown', (e) => { if (e.key === 'Escape') hideOpenPrompt(); });

  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  // ---- the workspace's text whole: one writer for Ctrl+S and the save to browser storage -----------
  // docs/performance.md "Ctrl+S: the first one after an open". Both want SaveWorkspace's bytes of the
  // open workspace as a Blob, and a 100,000-resource workspace is 189 MB of text: a text written for one
  // serves the other while the workspace is unchanged (its revision, qd_workspace_revision, moves with
  // every change and every open):
  //  - keptText {revision, blob, bytes, stored}: the last text completed. Once the save to storage has
  //    stored it, the Blob storage gives back replaces it (stored: held on disk by IndexedDB, not in
  //    memory).
  //  - textJobs.persist / .download {revision, promise, onPiece}: a text being written, in pieces of
  //    about two megabytes (wasm/web/workspace_io.cpp: the persist and the download writers), the page
  //    taking its turn between them (timeToYield), so it keeps drawing; a hidden page (timers throttled)
  //    or `atOnce` takes them all in one go. A job whose workspace changes meanwhile resolves to null
  //    (its pieces are of the old one).
  // So the first Ctrl+S after an open hands over the text the open's save wrote (or joins it while it
  // is written) instead of writing 189 MB again beside it, and a save to storage takes a text Ctrl+S
  // wrote.
  const TEXT_PIECE = 2 * 1024 * 1024;
  let keptText = null;
  const textJobs = { persist: null, download: null };
  const textWriters = {
    persist: { begin: () => mod._qd_persist_begin(), next: (n) => mod._qd_persist_next(n), data: () => mod._qd_saved_data(),
      progress: () => mod._qd_persist_progress(), release: () => mod._qd_saved_release() },
    download: { begin: () => mod._qd_download_begin(), next: (n) => mod._qd_download_next(n), data: () => mod._qd_download_data(),
      progress: () => mod._qd_download_progress(), release: () => mod._qd_download_release() },
  };
  // Between pieces the page gets its turn when input waits, else every TEXT_SLICE_MS (a frame of the
  // busy box's progress; with the piece that ends a slice, no main-thread block over a long task's
  // 50 ms). A turn after every piece (~7 ms each) let the console's frames in 90 times: right after an
  // open of 100k that was 1.7 s of a 2.4-3.6 s Ctrl+S (docs/performance.md, "Ctrl+S: the first one
  // after an open"). scheduler.yield() resumes ahead of other queued tasks.
  const TEXT_SLICE_MS = 40;
  const inputPending = navigator.scheduling && navigator.scheduling.isInputPending
    ? () => navigator.scheduling.isInputPending() : () => false;
  const timeToYield = (since) => performance.now() - since >= TEXT_SLICE_MS || inputPending();
  const yieldToPage = () => (window.scheduler && scheduler.yield ? scheduler.yield() : nextTask());
  // The open workspace's text: {revision, blob, bytes, from: 'stored' | 'kept' | 'joined' | 'made',
  // textMs, blobMs, pieces} (blob null: no workspace open), or null when the workspace changed while it
  // was written.
  // Written by `which` writer unless it is kept or being written already; onPiece(fraction) is told
  // how far the text being written is (or joined) at each of the page's turns.
  function wholeText(which, { atOnce = false, onPiece = null } = {}) {
    const revision = mod._qd_workspace_revision();
    if (keptText && keptText.revision === revision) {
      return Promise.resolve({ ...keptText, from: keptText.stored ? 'stored' : 'kept', textMs: 0, blobMs: 0, pieces: 0 });
    }
    const running = Object.values(textJobs).find((j) => j && j.revision === revision);
    if (running) {
      if (onPiece) running.onPiece = onPiece;
      return running.promise.then((t) => t && { ...t, from: 'joined' });
    }
    const job = { revision, onPiece, promise: null };
    const w = textWriters[which];
    job.promise = (async () => {
      w.begin();
      const pieces = [];
      let size, bytes = 0, textMs = 0, blobMs = 0, lastYield = performance.now();
      try {
        for (;;) {
          let t0 = performance.now();
          size = w.next(TEXT_PIECE);
          textMs += performance.now() - t0;
          if (size <= 0) break;
          const p = w.data();
          t0 = performance.now();
          pieces.push(new Blob([mod.HEAPU8.subarray(p, p + size)]));   // the Blob copies the bytes
          blobMs += performance.now() - t0;
          bytes += size;
          if (atOnce || document.visibilityState === 'hidden' || !timeToYield(lastYield)) continue;
          if (job.onPiece && pieces.length > 1) job.onPiece(w.progress() / 100);
          await yieldToPage();
          lastYield = performance.now();
        }
      } finally {
        w.release();
      }
      if (size < 0) return null;   // -1: the workspace changed while it was written
      const t0 = performance.now();
      const blob = bytes ? new Blob(pieces, { type: 'application/json' }) : null;
      blobMs += performance.now() - t0;
      const text = { revision, blob, bytes, from: 'made', textMs, blobMs, pieces: pieces.length };
      if (blob) keptText = { revision, blob, bytes };
      return text;
    })().finally(() => { if (textJobs[which] === job) textJobs[which] = null; });
    textJobs[which] = job;
    return job.promise;
  }
  // The whole save of revision `revision` is stored: keep the Blob storage gives back instead of the one
  // written (the same bytes, on disk rather than in the browser's memory).
  async function keepStoredText(revision, generation, bytes) {
    if (!keptText || keptText.revision !== revision) return;
    const st = await storage.read(false);
    const base = st && st.base;
    if (keptText && keptText.revision === revision && base && base.generation === generation && base.bytes && base.bytes.size === bytes)
      keptText = { revision, blob: base.bytes, bytes, stored: true };
  }

  // Ctrl+S and the console's 保存工作区: the open workspace as a download, exactly SaveWorkspace's
  // bytes: the kept text (above) when the workspace has not changed since it was written, else written
  // now; past the first piece the busy box shows how far it is. A change of the workspace meanwhile
  // starts it again (the download is of the workspace as it is); after three such restarts it is
  // written in one go. One download at a time: a second Ctrl+S meanwhile joins it.
  let downloading = null;
  const downloadLog = [];   // window.quotedesk.downloadLog(): each download's phases (tests/web/bench_save.mjs)
  function downloadWorkspace() {
    if (!mod) return Promise.resolve(false);
    if (!downloading) downloading = writeDownload().finally(() => { downloading = null; });
    return downloading;
  }
  async function writeDownload() {
    const startedAt = performance.now();
    let shown = false;
    try {
      for (let attempt = 0; ; attempt++) {
        const name = mod.UTF8ToString(mod._qd_download_name());
        if (!name) return false;
        const onPiece = (fraction) => { busy(words().saving(name), fraction); shown = true; };
        const text = await wholeText('download', { atOnce: attempt >= 3, onPiece });
        if (!text) continue;   // the workspace changed while it was written
        if (!text.blob) return false;
        download(name, text.blob);
        downloadLog.push({ name, bytes: text.bytes, from: text.from, restarts: attempt, pieces: text.pieces,
          textMs: text.textMs, blobMs: text.blobMs, totalMs: performance.now() - startedAt });
        if (downloadLog.length > 20) downloadLog.shift();
        return true;
      }
    } finally {
      if (shown) busy(null);
    }
  }

  // ---- browser storage: the workspace in IndexedDB (a base and a journal), preferences in localStorage -

  // docs/architecture.md §6. The store `workspace` holds
  //  - 'current', the base: {bytes: Blob | null (null: nothing kept, the sample opens), savedAt, size,
  //    generation, log}, the workspace saved whole (after an open of files, or to compact the journal);
  //  - 'head', the journal's: {generation, base (the base's generation), entries, bytes, savedAt, log};
  //  - ['entry', base, i] for i = 1..head.entries: {base, index, text, savedAt}, the patch of one saved
  //    change (core/io/workspace_patch.h), a few KB however large the workspace.
  // A journal belongs to the base whose generation it names; any other is left over and ignored. Each
  // write is one transaction: the base with the journal's removal, or one entry with the new head. A
  // write that fails (storage full, storage gone) leaves the last complete state in place.
  const DB_NAME = 'quotedesk', STORE = 'workspace', KEY = 'current', HEAD = 'head';
  const ENTRIES = () => IDBKeyRange.bound(['entry'], ['entry', []]);
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        if (!window.indexedDB) { reject(Object.assign(new Error('IndexedDB is not available'), { name: 'StorageUnavailable' })); return; }
        const rq = indexedDB.open(DB_NAME, 1);
        rq.onupgradeneeded = () => rq.result.createObjectStore(STORE);
        rq.onsuccess = () => resolve(rq.result);
        rq.onerror = () => reject(rq.error || new Error('IndexedDB open failed'));
        rq.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
      });
      dbPromise.catch(() => { dbPromise = null; });
    }
    return dbPromise;
  }
  // One transaction: fn(store) makes the requests and returns a function giving the result once the
  // transaction is complete.
  async function storeRun(mode, fn) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const tx = database.transaction(STORE, mode);
      const result = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result());
      tx.onerror = tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
    });
  }
  const storage = {
    // {base, head, entries?}: what a reload opens (entries: every stored one, any base) or, without
    // entries, what a save needs to know (reading the base record does not read its Blob).
    read: (withEntries) => storeRun('readonly', (s) => {
      const base = s.get(KEY), head = s.get(HEAD), entries = withEntries ? s.getAll(ENTRIES()) : null;
      return () => ({ base: base.result, head: head.result, entries: entries ? entries.result : null });
    }),
  };
  // The journal of the stored base, or null (none, or one left over from another base).
  const journalOf = (st) => (st && st.head && st.base && st.head.base === st.base.generation ? st.head : null);
  const storedGeneration = (st) => {
    const journal = journalOf(st);
    return journal ? journal.generation : (st && st.base && st.base.generation) || 0;
  };

  // ---- two tabs: saves in turn; every change is kept or refused in words ---------------------------
  // docs/architecture.md §6. Each tab knows the generation of the stored workspace its own derives from
  // (`base`). A save holds the storage lock (Web Locks) and writes only while the stored generation is
  // still its base: then it stores generation + 1 and tells the other tabs (BroadcastChannel), which
  // open the new one unless a change of their own is waiting. A tab whose base is stale (another tab
  // saved first) does not overwrite: its change is refused with a notice and the newest workspace opens.
  // `journal`: {base, entries} when the open workspace is exactly storage's base and its first
  // `entries` entries (then another tab's new entries are applied, not the whole reopened); else null.
  const tabs = { base: 0, journal: null, channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel('quotedesk') : null };
  const withStorageLock = (fn) => (navigator.locks ? navigator.locks.request('quotedesk-storage', fn) : fn());
  const announce = (generation) => {
    tabs.base = generation;
    if (tabs.channel) tabs.channel.postMessage({ generation });
  };

  // Writes `bytes` (a Blob, or null to keep nothing) as the next generation's base, dropping the
  // journal. `onlyOver` (a generation) makes it conditional: 'stale' and nothing written when the
  // stored one is another.
  function storeNext(bytes, size, onlyOver) {
    const log = bytes ? mod.UTF8ToString(mod._qd_history_log()) : '[]';   // the operation log goes with it
    return withStorageLock(async () => {
      const generation = storedGeneration(await storage.read(false));
      if (onlyOver !== undefined && generation !== onlyOver) return 'stale';
      const savedAt = Date.now();
      await storeRun('readwrite', (s) => {
        s.put({ bytes, savedAt, size, generation: generation + 1, log }, KEY);
        s.delete(HEAD);
        s.delete(ENTRIES());
        return () => undefined;
      });
      tabs.journal = bytes ? { base: generation + 1, entries: 0 } : null;
      announce(generation + 1);
      return savedAt;
    });
  }
  // Appends one entry (a patch's text) to the journal as the next generation, over `onlyOver` only:
  // 'stale' when another tab saved first, 'whole' when storage holds no base to append to.
  function storeEntry(text, onlyOver) {
    const log = mod.UTF8ToString(mod._qd_history_log());
    return withStorageLock(async () => {
      const st = await storage.read(false);
      const generation = storedGeneration(st);
      if (generation !== onlyOver) return 'stale';
      if (!st.base || !st.base.bytes) return 'whole';
      const journal = journalOf(st);
      const base = st.base.generation, index = (journal ? journal.entries : 0) + 1;
      const bytes = (journal ? journal.bytes : 0) + text.length;
      const savedAt = Date.now();
      await storeRun('readwrite', (s) => {
        s.put({ base, index, text, savedAt }, ['entry', base, index]);
        s.put({ generation: generation + 1, base, entries: index, bytes, savedAt, log }, HEAD);
        return () => undefined;
      });
      tabs.journal = { base, entries: index };
      announce(generation + 1);
      return savedAt;
    });
  }

  // Opens what storage holds (`st`, read with its entries): the base, then the journal's entries in
  // order, each with a load's checks. An entry that cannot be read or applied stops the replay there:
  // the base and the entries before it stay open, and {bad: {index, count, why}} says so. Returns
  // {answer} (the base's open; not ok: nothing changed), {bad}, {savedAt}.
  async function openStoredState(st) {
    const answer = await loadFiles([{ name: 'browser-storage.json', bytes: new Uint8Array(await st.base.bytes.arrayBuffer()) }], SOURCE.storage);
    if (!answer.ok) return { answer };
    const journal = journalOf(st);
    const entries = journal ? (st.entries || []).filter((e) => e && e.base === journal.base).sort((a, b) => a.index - b.index) : [];
    let applied = 0, bytes = 0, bad = null;
    for (let i = 1; journal && i <= journal.entries; i++) {
      const entry = entries.find((e) => e.index === i);
      const name = `browser-storage journal ${i}`;
      let why = '';
      if (!entry || typeof entry.text !== 'string') why = `${name}: missing`;
      else {
        const r = JSON.parse(call('qd_journal_apply', entry.text, name));
        if (!r.ok) why = r.errors.map((e) => e.text).join('\n');
      }
      if (why) { bad = { index: i, count: journal.entries, why }; break; }
      applied++;
      bytes += entry.text.length;
    }
    mod._qd_journal_restored(st.base.size || 0, applied, bytes, bad ? 0 : 1);
    tabs.journal = bad ? null : { base: journal ? journal.base : st.base.generation, entries: applied };
    const last = journal && !bad ? journal : st.base;
    mod._qd_note_restored(last.savedAt || 0);
    restoreLog(last);
    return { answer, bad };
  }
  const reportBadEntry = (bad) => notice(words().journalBad(bad.index, bad.count, bad.why), 'error',
    { label: words().downloadWorkspace, run: downloadWorkspace });

  // Opens the stored workspace, the newest of every tab's: after another tab saved ('synced'), or
  // because this tab's change lost the race ('conflict').
  async function openStored(reason) {
    const st = await storage.read(true);
    clearTimeout(persistTimer);
    persistTimer = 0;
    tabs.base = storedGeneration(st);
    if (reason === 'synced' && followEntries(st)) { notice(words().synced, 'ok'); return; }
    let opened = null;
    if (st.base && st.base.bytes) opened = await openStoredState(st);
    else opened = { answer: await loadFiles([{ name: 'sample-workspace.json', bytes: await sampleBytes() }], SOURCE.sample) };
    if (!opened.answer.ok) { reportOpen(opened.answer, 'browser-storage.json'); return; }
    if (opened.bad) { reportBadEntry(opened.bad); return; }
    notice(reason === 'conflict' ? words().conflict : words().synced, reason === 'conflict' ? 'warn' : 'ok');
  }
  // Another tab appended entries to the journal this tab's workspace is part of: apply only those
  // (for 100k a few ms each instead of reopening 135 MB). False when that is not the case or an entry
  // does not apply; then the caller reopens storage whole.
  function followEntries(st) {
    const journal = journalOf(st), mine = tabs.journal;
    if (!journal || !mine || journal.base !== mine.base || journal.entries <= mine.entries) return false;
    const entries = (st.entries || []).filter((e) => e && e.base === journal.base);
    let done = mine.entries;
    for (let i = mine.entries + 1; i <= journal.entries; i++) {
      const entry = entries.find((e) => e.index === i);
      if (!entry || typeof entry.text !== 'string') break;
      if (!JSON.parse(call('qd_journal_follow', entry.text, `browser-storage journal ${i}`)).ok) break;
      done = i;
    }
    if (done === mine.entries) return false;
    mod._qd_journal_followed();
    if (done < journal.entries) { tabs.journal = null; return false; }   // the rest: reopened whole
    tabs.journal = { base: journal.base, entries: done };
    mod._qd_note_restored(journal.savedAt || 0);
    restoreLog(journal);
    storageLog.push({ kind: 'followed', entries: done - mine.entries, ok: true, changedAt: 0, storedAt: performance.now() });
    return true;
  }
  // The operation log saved with a workspace comes back with it (the undo steps do not: memory only).
  const restoreLog = (record) => { if (typeof record.log === 'string') call('qd_history_restore', record.log); };
  // An open in progress counts: files opened are a change of this tab's own (loadFiles).
  const changeWaiting = () => !!persistTimer || openInProgress !== null || JSON.parse(call('qd_state')).storage.save_pending;
  // Another tab saved (its message, or this tab coming back into view): follow it unless this tab has
  // a change of its own on the way, whose save then finds the stored generation moved and is refused.
  function followOtherTabs(generation) {
    persisting = persisting.then(async () => {
      if (generation === undefined) generation = storedGeneration(await storage.read(false));
      if (generation > tabs.base && !changeWaiting()) await openStored('synced');
    }).catch((e) => storageFailure(e));
  }
  if (tabs.channel) tabs.channel.onmessage = (e) => { if (mod && e.data && e.data.generation > tabs.base) followOtherTabs(e.data.generation); };
  document.addEventListener('visibilitychange', () => { if (mod && document.visibilityState === 'visible') followOtherTabs(); });

  // ---- storage that fails: told in words, once, with a download; the work goes on in memory --------
  // Told again after a later failed save when the notice went away (timed out, or replaced by an
  // everyday message), unless the user closed this one; an error of another kind on screen stays.
  let storageProblem = '';      // the kind of failure last told ('' = storage works)
  let storageDismissed = false; // the user closed the storage notice
  function storageFailure(error) {
    if (!error) { storageProblem = ''; storageDismissed = false; return ''; }
    const w = words();
    const why = error.message || String(error);
    const kind = error.name === 'StorageUnavailable' ? 'missing' : error.name === 'QuotaExceededError' ? 'full' : 'failed';
    const box = $('notice');
    const otherShown = !box.hidden && box.className !== 'ok' && noticeOwner !== 'storage';
    if (kind !== storageProblem || (!storageDismissed && (box.hidden || box.className === 'ok'))) {
      if (kind !== storageProblem) storageDismissed = false;
      storageProblem = kind;
      if (!otherShown) {
        notice(kind === 'missing' ? w.storageMissing : kind === 'full' ? w.storageFull : w.storageFailed(why), 'error',
          { label: w.downloadWorkspace, run: downloadWorkspace });
        noticeOwner = 'storage';
      }
    }
    return why;
  }

  // For benchmarks and tests (window.quotedesk.storageLog): each save's kind ('entry' or 'whole'),
  // bytes written, and when (performance.now()) the first change it carries was made and when it was stored.
  const storageLog = [];
  let changedAt = 0;
  let persistTimer = 0;
  let persisting = Promise.resolve();   // saves run one after the other, in order
  // A change is stored a moment later (PERSIST_DELAY: typing into a field makes one entry, not one per
  // key); within 1 s of the change whatever the workspace's size (docs/performance.md).
  const PERSIST_DELAY = 300;
  function schedulePersist() {
    if (keptText && keptText.revision !== mod._qd_workspace_revision()) keptText = null;   // of a workspace gone
    if (!changedAt) changedAt = performance.now();
    clearTimeout(persistTimer);
    persistTimer = setTimeout(() => { persistTimer = 0; persisting = persisting.then(persistNow); }, PERSIST_DELAY);
  }
  function flushPersist() {
    if (!persistTimer) return;
    clearTimeout(persistTimer);
    persistTimer = 0;
    persisting = persisting.then(persistNow);
  }
  // The next task, without setTimeout(0)'s 4 ms clamp once nested (a 189 MB text is ~100 pieces).
  const taskChannel = new MessageChannel();
  const taskQueue = [];
  taskChannel.port1.onmessage = () => { const resolve = taskQueue.shift(); if (resolve) resolve(); };
  const nextTask = () => new Promise((resolve) => { taskQueue.push(resolve); taskChannel.port2.postMessage(0); });
  const logSave = (kind, bytes, ok) => {
    storageLog.push({ kind, bytes, ok, changedAt, storedAt: performance.now() });
    if (storageLog.length > 100) storageLog.shift();
    changedAt = 0;
  };
  // A change: one journal entry (the patch since storage was last written), unless the core says the
  // workspace is to be saved whole (just opened from files, no base stored, the journal full).
  async function persistNow() {
    const size = mod._qd_journal_next();
    if (size < 0) return persistWhole();
    const revision = mod._qd_journal_revision();
    const text = mod.UTF8ToString(mod._qd_journal_data(), size);
    let savedAt = 0, error = '';
    try {
      savedAt = await storeEntry(text, tabs.base);
      if (savedAt === 'stale') { mod._qd_journal_forget(); await openStored('conflict'); return; }
      if (savedAt === 'whole') { mod._qd_journal_forget(); return persistWhole(); }
      mod._qd_journal_stored();
      storageFailure(null);
    } catch (e) {
      mod._qd_journal_forget();
      tabs.journal = null;   // the open workspace is ahead of storage now
      error = storageFailure(e);
    }
    logSave('entry', text.length, !error);
    withStrings([error], (errPtr) => mod._qd_persist_done(revision, savedAt, errPtr));
  }
  // The workspace whole, as the journal's new base: its text (wholeText above: written in pieces, or
  // the one a Ctrl+S of the same workspace wrote or is writing). A change meanwhile voids this save:
  // the change scheduled the next.
  async function persistWhole() {
    const text = await wholeText('persist');
    if (!text || mod._qd_workspace_revision() !== text.revision) return;
    const { revision, blob, bytes: n } = text;
    mod._qd_journal_base_written(n);
    let savedAt = 0, error = '';
    try {
      savedAt = await storeNext(n ? blob : null, n, tabs.base);
      if (savedAt === 'stale') { mod._qd_journal_base_stored(0); await openStored('conflict'); return; }
      mod._qd_journal_base_stored(1);
      storageFailure(null);
      if (n) await keepStoredText(revision, tabs.base, n).catch(() => {});
    } catch (e) {
      mod._qd_journal_base_stored(0);
      tabs.journal = null;
      error = storageFailure(e);
    }
    logSave('whole', n, !error);
    withStrings([error], (errPtr) => mod._qd_persist_done(revision, savedAt, errPtr));
  }
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushPersist(); });
  window.addEventListener('pagehide', flushPersist);

  function readPrefs() {
    try { return { lang: localStorage.getItem('quotedesk.lang'), theme: localStorage.getItem('quotedesk.theme') }; }
    catch { return {}; }
  }

  // ---- the IME textarea and paste (wasm/web/backend.h) ----------------------------------------------

  const ime = $('qd-ime');
  let composing = false;
  const sendText = (text) => { if (text && mod) call('qd_input_text', text); };
  ime.addEventListener('compositionstart', () => { composing = true; });
  ime.addEventListener('compositionend', (e) => {
    composing = false;
    sendText(ime.value || e.data);
    ime.value = '';
  });
  ime.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;   // the composition's result comes with compositionend
    sendText(ime.value);
    ime.value = '';
  });
  document.addEventListener('paste', (e) => {
    if (!mod) return;
    e.preventDefault();   // the console inserts it (Ctrl+V), not the textarea
    call('qd_paste', e.clipboardData ? e.clipboardData.getData('text/plain') : '');
  });

  // ---- debug: a log of the input events and the frames (off unless asked for) ---------------------
  // window.__qdInputLog = [] set before this script runs (tests/web/harness.mjs, QD_INPUT_LOG=1), or
  // ?debug=input in the address: every input event the page gets (capture phase, before the console's
  // own listeners) and every frame the console draws, as [ms, what, ...], in order.
  const inputLog = Array.isArray(window.__qdInputLog) ? window.__qdInputLog
    : /[?&]debug=input\b/.test(location.search) ? (window.__qdInputLog = []) : null;
  if (inputLog) {
    const now = () => Math.round(performance.now() * 10) / 10;
    const framesDrawn = () => (mod ? Number(/"frames_drawn":(\d+)/.exec(mod.UTF8ToString(mod._qd_state()))[1]) : 0);
    for (const type of ['mousedown', 'mouseup', 'mousemove', 'wheel', 'keydown', 'keyup', 'keypress', 'input',
      'compositionend', 'focus', 'blur', 'visibilitychange']) {
      window.addEventListener(type, (e) => inputLog.push([now(), type, e.key !== undefined ? e.key : e.button,
        e.clientX, e.clientY, e.target && (e.target.id || e.target.nodeName || '#window'), e.ctrlKey ? 'ctrl' : '']), true);
    }
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((ts) => {
      const before = framesDrawn();
      cb(ts);
      const after = framesDrawn();
      if (after !== before) inputLog.push([now(), 'frame', after]);
    });
  }

  // ---- start ---------------------------------------------------------------------------------------

  // Moving the window to a screen with another devicePixelRatio fires no resize event; a media
  // query on the current ratio does. The shell re-reads the ratio on resize.
  function watchPixelRatio() {
    const mq = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    mq.addEventListener('change', () => { window.dispatchEvent(new Event('resize')); watchPixelRatio(); }, { once: true });
  }

  async function fetchBytes(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return new Uint8Array(await r.arrayBuffer());
  }
  // The standalone file carries its assets in non-executed <script> data blocks.
  function base64Bytes(text) {
    const bin = atob(text.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  async function asset(url, id, isText) {
    const el = $(id);
    if (!el) return fetchBytes(url);
    return isText ? new TextEncoder().encode(el.textContent) : base64Bytes(el.textContent);
  }
  const standalone = !!$('qd-wasm');

  let samplePromise = null;
  const sampleBytes = () => (samplePromise = samplePromise || asset('sample-workspace.json', 'qd-sample', true));

  async function restoreSample() {
    clearTimeout(persistTimer);
    persistTimer = 0;
    const answer = await loadFiles([{ name: 'sample-workspace.json', bytes: await sampleBytes() }], SOURCE.sample);
    if (!answer.ok) { reportOpen(answer, 'sample-workspace.json'); return answer; }
    persisting = persisting.then(() => storeNext(null, 0)).catch((e) => storageFailure(e));
    notice(words().sample, 'ok');
    return answer;
  }

  const host = {
    openFilePicker: () => fileInput.click(),
    schedulePersist,
    restoreSample: () => { restoreSample(); },
    download,
    // From the console's button, during its frame: the download starts in a task of its own.
    downloadWorkspace: () => { setTimeout(downloadWorkspace, 0); },
    // 打印 / 导出 PDF (docs/architecture.md §10): after the frame that asked, so the dialog does not block it.
    printSheet: (html, title) => { setTimeout(() => { showSheet(html); printShown(title); }, 0); },
  };

  // ---- the printable quote sheet (docs/architecture.md §10) -------------------------------------------
  // The core writes the sheet (core/report/quote_sheet.h QuoteSheetHtml): an <article> of a few
  // elements whose only attributes are class, lang and colspan, every text escaped. It is parsed inert
  // (DOMParser, through the Trusted Types policy below) and taken in only if it is exactly that: any
  // other element or attribute refuses the whole sheet. On screen the print area is hidden; in print
  // (app.css @media print) it is all there is.
  const SHEET_TAGS = new Set(['ARTICLE', 'HEADER', 'SECTION', 'H1', 'H2', 'DL', 'DT', 'DD', 'TABLE', 'THEAD',
    'TBODY', 'TFOOT', 'TR', 'TH', 'TD', 'UL', 'LI', 'P']);
  const SHEET_ATTRS = new Set(['class', 'lang', 'colspan']);
  function showSheet(html) {
    const doc = new DOMParser().parseFromString(trustedSheet(html), 'text/html');
    const sheet = doc.body.firstElementChild;
    if (!sheet || doc.body.childElementCount !== 1 || !sheet.classList.contains('qd-sheet')) throw new Error('not a quote sheet');
    for (const el of [sheet, ...sheet.querySelectorAll('*')]) {
      if (!SHEET_TAGS.has(el.tagName)) throw new Error('quote sheet: unexpected <' + el.tagName.toLowerCase() + '>');
      for (const a of el.attributes) if (!SHEET_ATTRS.has(a.name)) throw new Error('quote sheet: unexpected attribute ' + a.name);
    }
    $('qd-print').replaceChildren(document.adoptNode(sheet));
  }
  // The print dialog with the sheet's reference as the document's title (the PDF's default file name).
  function printShown(title) {
    const pageTitle = document.title;
    document.title = title;
    try { window.print(); } finally { document.title = pageTitle; }
  }

  // The WebGL2 context, made while the module streams in and compiles rather than after it: making
  // it and its drawing buffer waits for the GPU process. The attributes are the shell's
  // (wasm/web/backend.cpp, StartBackend), which then gets this same context from the canvas; the
  // size is the one the shell computes (CSS size × devicePixelRatio), so it does not resize it.
  function makeContext(canvas) {
    const r = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(r.width * devicePixelRatio));
    canvas.height = Math.max(1, Math.round(r.height * devicePixelRatio));
    canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false });
  }

  async function start() {
    const timings = window.quotedesk.timings;
    const mark = (name) => { timings[name] = Math.round(performance.now()); };
    // Startup (docs/architecture.md §4: first frame < 1.5 s). The font, the stored workspace and the sample are
    // fetched while the wasm streams in and compiles. The console starts as soon as the module is
    // ready (while the font may still be on its way), but draws nothing until the first workspace is
    // open: one atlas build, with the workspace's characters (not one without them, then another).
    // The served page starts with the small font of the UI's and the sample's characters and fetches
    // the rest (fonts/qd-cjk.otf) after its first frame (wasm/web/backend.h); the standalone file
    // carries the whole page font in #qd-font.
    const fontPromise = asset('fonts/qd-cjk-ui.otf', 'qd-font');
    sampleBytes();
    const storedPromise = storage.read(true).catch((e) => ({ failed: e }));
    const canvas = $('canvas');
    const options = { canvas, qdHost: host };
    if (standalone) options.wasmBinary = base64Bytes($('qd-wasm').textContent);
    const modulePromise = createQuoteDesk(options);
    makeContext(canvas);
    mod = await modulePromise;
    mark('module');
    mod._qd_hold_frames(1);
    if (!mod._qd_start()) throw new Error('WebGL 2 is not available in this browser.');
    // A device with little memory (navigator.deviceMemory, GiB, at most 8) gets a page that opens at
    // most half of it; the heap's own ceiling (2 GiB) bounds the rest.
    if (navigator.deviceMemory) mod._qd_set_memory_limit(navigator.deviceMemory * 2 ** 29);
    mark('backend');
    const font = await fontPromise;
    mark('font');
    const p = mod._malloc(font.length);
    mod.HEAPU8.set(font, p);
    mod._qd_set_font(p, font.length);
    mod._free(p);
    const prefs = readPrefs();
    if (prefs.lang === 'zh' || prefs.lang === 'en') call('qd_set_lang', prefs.lang);
    if (prefs.theme === 'light' || prefs.theme === 'dark') call('qd_set_theme', prefs.theme);
    followAddress();
    mark('started');

    // The workspace kept in this browser, else the sample. A stored one that cannot be read is left
    // as it is (until the next change is saved) and offered as a download; storage that is not there
    // at all is said at once, before any work is done that could not be kept.
    let opened = false;
    let unreadable = null;
    try {
      const stored = await storedPromise;
      mark('storage');
      if (stored && stored.failed) storageFailure(stored.failed);
      else tabs.base = storedGeneration(stored);
      const base = stored && !stored.failed ? stored.base : null;
      let bad = null;
      if (base && base.bytes) {
        let result = null;
        try {
          result = await openStoredState(stored);
        } catch (e) {
          unreadable = { why: e && e.message ? e.message : String(e), blob: base.bytes };
        }
        if (result && result.answer.ok) { opened = true; bad = result.bad; }
        else if (result) unreadable = { why: result.answer.errors.map((e) => e.text).join('\n'), blob: base.bytes };
      }
      if (bad) reportBadEntry(bad);
      if (!opened) {
        const answer = await loadFiles([{ name: 'sample-workspace.json', bytes: await sampleBytes() }], SOURCE.sample);
        if (!answer.ok) throw new Error(answer.errors.map((e) => e.text).join('\n'));
      }
      if (unreadable) {
        notice(words().storedUnreadable(unreadable.why), 'error',
          { label: words().downloadStored, run: () => download('quotedesk-stored-workspace.json', unreadable.blob) });
      }
    } finally {
      mod._qd_hold_frames(0);
      framesHeld = false;
      // The canvas is shown with its first frame (drawn in the coming animation frame, before the
      // browser composites): a blank canvas is never composited, which in software GL costs a
      // read-back of the whole drawing buffer, and the loading line stays until there is a console.
      canvas.classList.remove('starting');
      status.classList.add('hidden');
    }
    mark('workspace');
    // The first frame on screen (docs/architecture.md §4 budget: < 1.5 s), as the page itself sees it: the start
    // of the animation frame after the one that drew it, by when the browser has taken the drawing (in
    // software GL, read it back) and composited it. Its timestamp, not the time this callback runs:
    // the console's second frame, requested first, is built before it in the same animation frame.
    const firstFrame = () => {
      if (JSON.parse(call('qd_state')).frames_drawn > 0) {
        requestAnimationFrame((frameStart) => {
          timings.first_frame = Math.round(frameStart);
          mod._qd_fonts_after_first_frame();
          registerServiceWorker();
        });
      } else requestAnimationFrame(firstFrame);
    };
    firstFrame();
    watchPixelRatio();
    resolveReady(window.quotedesk);
  }

  // Trusted Types (the page's CSP: require-trusted-types-for 'script'; trusted-types quotedesk): the
  // one script URL the page hands to the browser is its service worker's; nothing else may become one.
  // The one HTML it parses is a quote sheet of the core's, and only into an inert document (showSheet).
  const trustedUrls = window.trustedTypes
    ? window.trustedTypes.createPolicy('quotedesk', {
      createScriptURL: (url) => { if (url !== 'sw.js') throw new TypeError('not a QuoteDesk script: ' + url); return url; },
      createHTML: (html) => { if (!html.startsWith('<article class="qd-sheet"')) throw new TypeError('not a quote sheet'); return html; },
    })
    : null;
  const scriptUrl = (url) => (trustedUrls ? trustedUrls.createScriptURL(url) : url);
  const trustedSheet = (html) => (trustedUrls ? trustedUrls.createHTML(html) : html);

  // Offline: the service worker caches the site's files (not for the standalone file or file://).
  // Registered once the first frame is on screen: its install fetches and stores every file of the
  // site, which on a first visit would otherwise compete with the first frame for the CPU.
  function registerServiceWorker() {
    if ('serviceWorker' in navigator && !standalone && /^https?:$/.test(location.protocol)) {
      // A page already served by an older build's worker keeps running it; say that a reload updates it.
      const hadController = !!navigator.serviceWorker.controller;
      navigator.serviceWorker.addEventListener('controllerchange', () => { if (hadController) notice(words().updated, 'ok'); });
      navigator.serviceWorker.register(scriptUrl('sw.js')).catch((e) => console.warn('QuoteDesk: no offline cache:', e));
    }
  }

  $('notice-close').addEventListener('click', () => {
    $('notice').hidden = true;
    if (noticeOwner === 'storage') storageDismissed = true;
  });
  $('notice-action').addEventListener('click', () => { if (noticeRun) noticeRun(); });

  window.quotedesk = {
    ready,
    timings: {},          // ms since navigation start: module, backend, font, started, storage, workspace, first_frame
    // Opens a workspace (JSON text); resolves to {"ok":true,"summary":...} or {"ok":false,"errors":[...]}.
    load: async (jsonText, fileName = 'workspace.json') =>
      JSON.stringify(await loadFiles([{ name: fileName, bytes: new TextEncoder().encode(jsonText) }], SOURCE.files)),
    // The same from the file's bytes (file picker, drop, benchmarks): no decode/encode round trip.
    loadBytes: async (bytes, fileName = 'workspace.json') =>
      JSON.stringify(await loadFiles([{ name: fileName, bytes }], SOURCE.files)),
    // Several files opened as one workspace: [{name, text} | {name, bytes}] (a workspace + Huawei responses).
    loadFiles: async (files) => JSON.stringify(await loadFiles(files.map((f) =>
      ({ name: f.name, bytes: f.bytes || new TextEncoder().encode(f.text) })), SOURCE.files)),
    summary: () => call('qd_summary'),
    // Quotes (docs/architecture.md §3): arguments mirror the CLI flags; the answer is the CLI's --format json.
    renew: (argsJson) => call('qd_renew', typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson)),
    buy: (argsJson) => call('qd_buy', typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson)),
    refund: (argsJson) => call('qd_refund', typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson)),
    // The printable sheet of the same quote (kind renew | buy | refund): {"kind","reference","title","total","html"}.
    // print: true also puts it in the print area and opens the print dialog, as the console's button does.
    quoteSheet: (argsJson, kind = 'renew', { print = false } = {}) => {
      const answer = call('qd_quote_sheet', kind, typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson));
      const sheet = JSON.parse(answer);
      if (print && sheet.html) { showSheet(sheet.html); printShown(sheet.reference); }
      return answer;
    },
    state: () => call('qd_state'),
    navigate: (page) => call('qd_navigate', page),
    setLanguage: (lang) => call('qd_set_lang', lang),
    setTheme: (theme) => call('qd_set_theme', theme),
    // Ctrl+S: resolves once the download was handed to the browser (true; false: no workspace open).
    saveWorkspace: () => downloadWorkspace(),
    restoreSample: async () => JSON.stringify(await restoreSample()),
    // For browser tests: the memory an open may use, in bytes (0: the heap's own ceiling), and what an
    // open of `bytes` would need against it ({fits, needed, available, ceiling}; core/io/load.h).
    setMemoryLimit: (bytes) => { mod._qd_set_memory_limit(bytes); },
    // For browser tests: {"bytes","fnv1a"} of the open workspace as saved (whole workspaces compared).
    fingerprint: () => call('qd_fingerprint'),
    checkOpen: (bytes) => mod.UTF8ToString(mod._qd_check_open(bytes)),
    // The open in progress (docs/architecture.md §2): {"active","cancellable","names","files","file",
    // "done","total","cancelled"} (bytes); cancelLoad() drops it as the console's 取消 does (an open of
    // files the user opened; the load() waiting on it resolves to {"ok":false,"cancelled":true}).
    loadProgress: () => call('qd_open_progress'),
    cancelLoad: () => { mod._qd_open_cancel(); return call('qd_open_progress'); },
    // For benchmarks and tests: the last saves to browser storage, [{kind: 'entry'|'whole', bytes, ok,
    // changedAt, storedAt}] (performance.now() of the first change a save carries and of its end).
    storageLog: () => JSON.stringify(storageLog),
    // For benchmarks and tests: resolves, with the ms it waited, once the page is quiet as a person's
    // next action finds it: the console idle (no frame asked for: after an open, its frames drawn and
    // its characters in the font) and nothing waiting to be stored (no save scheduled, under way or
    // due); at the latest after limitMs.
    whenQuiet: async (limitMs = 60000) => {
      const t0 = performance.now();
      const quiet = () => {
        const s = JSON.parse(call('qd_state'));
        return s.idle && !s.storage.save_pending && !persistTimer;
      };
      while (!quiet() && performance.now() - t0 < limitMs) await new Promise((r) => setTimeout(r, 50));
      return performance.now() - t0;
    },
    // For benchmarks and tests (bench_save.mjs, storage.mjs): the last downloads of the workspace,
    // [{name, bytes, from: 'stored' | 'kept' | 'joined' | 'made' (storage's Blob, the kept text, the text
    // being written, a new one: wholeText above), restarts, pieces, textMs (in wasm), blobMs (Blobs
    // built), totalMs}].
    downloadLog: () => JSON.stringify(downloadLog),
    // For browser tests (tests/web/harness.mjs): the console's items in the last frame drawn, with
    // labels and CSS-pixel rectangles (wasm/web/ui_locator.h). The first call switches the recording
    // on ("recording": false until a frame was drawn with it); `names` resolves unlabelled items.
    items: (names = []) => call('qd_ui_items', names.join('\n')),
    // For browser tests: the GL state the shell keeps instead of asking WebGL (wasm/web/gl_state_shadow.h),
    // compared with WebGL's: {"checked":N,"mismatches":[...]}.
    glShadowCheck: () => call('qd_gl_shadow_check'),
  };

  // ---- The view's address (docs/architecture.md §8) -----------------------------------------------
  // The module owns the address (wasm/ui/view_address.h): it writes location.hash with pushState /
  // replaceState as the view changes; this only hands it the address the browser moved to (start, Back,
  // Forward, a link pasted into the address bar), as the browser gives it (still %-encoded).
  // A pasted link may be reported by both events: opening the same address twice changes nothing.
  function followAddress() { call('qd_set_fragment', location.hash.slice(1)); }
  for (const event of ['popstate', 'hashchange']) addEventListener(event, () => { if (mod) followAddress(); });

  if (typeof createQuoteDesk !== 'function') { fail('quotedesk.js did not load.'); return; }
  start().catch((e) => fail(e && e.message ? e.message : String(e)));
})();

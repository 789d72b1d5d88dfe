// abi.h: the boundary between the page (site/app.js) and the module, in one place. There is no code
// here; every function below is defined where its work is, marked EMSCRIPTEN_KEEPALIVE (which alone
// exports it: wasm/CMakeLists.txt names only malloc and free), and every JavaScript import is an EM_JS
// of the file named.
//
// Strings cross as UTF-8 in the module's heap. A function returning const char* returns JSON (or
// text) in a buffer that is valid until its next call: the page copies it at once (UTF8ToString).
// The JSON shapes of window.quotedesk are those of docs/architecture.md §3 (the CLI's --format json).
//
// page -> module (Module._qd_*)
//   start-up            qd_set_font(bytes, size)             the CJK font subset, before qd_start   main.cpp
//                       qd_start() -> 1 when WebGL 2 is there                                       main.cpp
//                       qd_hold_frames(hold)                 no frame until the first workspace     backend.cpp
//                       qd_set_fragment(text)                the address's #fragment at start       main.cpp
//   window.quotedesk    qd_renew(args), qd_refund(args), qd_buy(args), qd_quote_sheet(kind, args), qd_summary(), qd_state(), qd_navigate(page),
//                       qd_set_lang("zh"|"en"), qd_set_theme("light"|"dark"), qd_load(json)        main.cpp,
//                                                                                                    workspace_io.cpp
//   browser tests       qd_ui_items(names), qd_gl_shadow_check()                                    main.cpp
//   input               qd_input_text(utf8)                  text committed in the IME textarea     input.cpp
//                       qd_paste(utf8)                       the text of a paste event              input.cpp
//                       qd_font_chunk_loaded(chunk, bytes, size)   a fallback font file (size 0:
//                                                            it could not be had)                   fonts.cpp
//   files               qd_stage_file(name, size) -> where to write the bytes; qd_load_staged(source)
//                       qd_note_restored(savedAtMs, files)   the stored workspace was reopened      workspace_io.cpp
//   browser storage     qd_persist_begin() / qd_persist_next(bytes) / qd_persist_progress() / qd_saved_data() /
//                       qd_saved_size() / qd_saved_release(); qd_persist_done(revision, savedAtMs, error)
//                       qd_workspace_revision() (the kept whole text serves while it is unchanged) workspace_io.cpp
//   downloads           qd_download_begin() / qd_download_name() / qd_download_next(bytes) / qd_download_data() /
//                       qd_download_progress() / qd_download_release(); qd_download_workspace()     workspace_io.cpp
//
// module -> page (EM_JS; the DOM half is Module.qdHost in site/app.js)
//   qd_js_write_clipboard, qd_js_text_input (the IME textarea at the caret), qd_js_ime_focused     input.cpp
//   qd_js_fetch_font_chunk (fonts/qd-cjk-x<N>.otf -> qd_font_chunk_loaded)                         fonts.cpp
//   qd_js_set_fragment, qd_js_announce (the aria-live region)                                       main.cpp
//   qdHost.openFilePicker(), schedulePersist(), restoreSample(), download(...), downloadWorkspace(),
//   and the preferences in localStorage                                                             workspace_io.cpp
//   qdHost.printSheet(html, title) (a quote sheet into the print area, then the print dialog)       print.cpp
#pragma once

// Fetches the board program (web/src/bin/cofund-board.rs, built into board/ next to
// index.html) the first time the app needs it: to show a board view or to write the
// workbook. The app's wasm-bindgen glue imports this file (web/src/ui/board/lazy.rs). The
// browser keeps a module once imported, and wasm-bindgen's init returns the instance it
// already made, so later calls cost nothing.
async function boardProgram() {
  const board = await import(new URL('board/cofund-board.js', document.baseURI).href);
  await board.default();
  return board;
}

/** Mounts a board in `host`; returns the program's `Board`. */
export async function mountBoard(host, request) {
  return (await boardProgram()).mount(host, request);
}

/** The workbook (.xlsx bytes) of the request's scenarios. */
export async function boardWorkbook(request) {
  return (await boardProgram()).workbook(request);
}

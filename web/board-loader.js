// Fetches the board program (web/src/bin/cofund-board.rs, built into board/ next to
// index.html) and its stylesheet the first time the app needs them: to show a board view or
// the embed dialog, or to write the workbook. The app's wasm-bindgen glue imports this file
// (web/src/ui/board/lazy.rs). The browser keeps a module once imported, wasm-bindgen's init
// returns the instance it already made, and the stylesheet is linked once, so later calls
// cost nothing.
const base = () => new URL('board/', document.baseURI);

// Resolves once the board's stylesheet is there (or could not be had: the views then show
// unstyled rather than not at all). Its state is kept on the <link> itself.
function boardStyles() {
  const href = new URL('cofund-board.css', base()).href;
  let link = document.querySelector('link[data-cofund-board]');
  if (link?.dataset.cofundBoard === 'done') return Promise.resolve();
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.cofundBoard = 'loading';
    document.head.append(link);
  }
  return new Promise((done) => {
    const settle = () => {
      link.dataset.cofundBoard = 'done';
      done();
    };
    link.addEventListener('load', settle, { once: true });
    link.addEventListener('error', settle, { once: true });
  });
}

async function boardProgram() {
  const [board] = await Promise.all([
    import(new URL('cofund-board.js', base()).href),
    boardStyles(),
  ]);
  await board.default();
  return board;
}

/** Fetches the program ahead of need (the pointer is on a board view's button, say). */
export async function prefetchBoard() {
  await boardProgram();
}

/** Mounts a board in `host`; returns the program's `Board`. */
export async function mountBoard(host, request) {
  return (await boardProgram()).mount(host, request);
}

/** The workbook (.xlsx bytes) of the request's scenarios. */
export async function boardWorkbook(request) {
  return (await boardProgram()).workbook(request);
}

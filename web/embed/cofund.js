// Cofund widget loader: the one script an embedding page includes.
//
//   <div data-cofund data-preset="vaekstpilot-150" data-mode="compact"></div>
//   <script type="module" src="https://cofund.example/embed/cofund.js"></script>
//
// It loads the widget (cofund-embed.js and its .wasm, next to this file) once and mounts
// a widget in every [data-cofund] element. For elements added later, import and call
// `mount()`, or `mount(root)` for those inside a shadow root of the page's own. Commands
// sent to an element from then on are carried out once its widget is there. No inline
// script or style is used anywhere, so the page's CSP can stay strict.
const base = new URL('./', import.meta.url).href;

// Said once per list: the commands a host sends beyond the 100 kept before the widget is
// ready get no answer, and a host waiting for one must not wait in silence.
function dropped(early) {
  if (!early.said) {
    early.said = true;
    console.warn('Cofund: not ready yet; commands after the first 100 are dropped unanswered. Wait for the first cofund:result.');
  }
}

// In the iframe page, a host may send commands as soon as the frame has loaded, before the
// widget listens: they are kept here (at most 100; a page's developer hears of the rest in the
// console) until the widget takes them and closes the list (web/src/embed/bridge.rs). Set up
// before anything is awaited.
if (window.parent !== window && document.querySelector('[data-cofund="page"]')) {
  const early = [];
  globalThis.cofundEarlyMessages = early;
  window.addEventListener('message', function keep(event) {
    if (globalThis.cofundEarlyMessages !== early) {
      window.removeEventListener('message', keep);
    } else if (event.source === window.parent) {
      // Only the parent sends commands: others' messages (an extension's) take no place.
      if (early.length < 100) early.push(event);
      else dropped(early);
    }
  });
}

// The [data-cofund] elements under `root`, and `root` itself if it is one (a page that has
// just made the element calls `mount(div)`; the widget mounts it too, web/src/embed/mount.rs).
function containers(root) {
  const found = [...root.querySelectorAll('[data-cofund]')];
  if (root.matches?.('[data-cofund]')) found.unshift(root);
  return found;
}

// A page may send an element widget commands (`cofund:command` events) before the widget
// listens: right after this script ran, or right after calling `mount()` without waiting for
// it. They are kept on the element (at most 100, as above) until its widget takes them and
// closes the list (web/src/embed/bridge.rs).
function keepEarlyCommands(root) {
  for (const container of containers(root)) {
    if (container.shadowRoot || 'cofundEarlyCommands' in container) continue;
    const early = [];
    container.cofundEarlyCommands = early;
    container.addEventListener('cofund:command', function keep(event) {
      if (container.cofundEarlyCommands !== early) {
        container.removeEventListener('cofund:command', keep);
      } else if (early.length < 100) {
        early.push(event);
      } else {
        dropped(early);
      }
    });
  }
}
keepEarlyCommands(document);

// The wasm is asked for before the glue is imported: otherwise the glue would fetch it only
// once it had arrived itself, a round trip later. (The iframe page asks for both even
// sooner, in its <head>; this fetch then takes the preloaded response.)
const wasm = fetch(`${base}cofund-embed_bg.wasm`);
// A failed fetch is reported by `init` below; this only keeps the browser from also calling
// it unhandled while the glue is still on its way.
wasm.catch(() => {});
const ready = import('./cofund-embed.js').then(async ({ default: init, mount_all }) => {
  await init({ module_or_path: wasm });
  return mount_all;
});

// When the widget cannot be loaded (the wasm blocked by the page's connect-src, a file
// missing), each element says so in its place instead of staying an empty box, in the
// language it asked for; the reason goes to the console for the page's editor.
function sayNotLoaded(root, error) {
  for (const container of containers(root)) {
    if (container.shadowRoot) continue;
    // Any case, as the widget reads its options (`data-lang="EN"`).
    container.textContent = container.dataset.lang?.toLowerCase() === 'en'
      ? 'The calculator could not be loaded.'
      : 'Beregneren kunne ikke indlæses.';
  }
  console.error('Cofund: the widget could not be loaded from', base, error);
}

/**
 * Mounts a widget in every [data-cofund] element under `root` that has none yet: the whole
 * page by default, or an element or a shadow root (a page's own web component).
 */
export async function mount(root = document) {
  keepEarlyCommands(root);
  let mountAll;
  try {
    mountAll = await ready;
  } catch (error) {
    sayNotLoaded(root, error);
    throw error;
  }
  mountAll(base, root);
}

// Said on the page and in the console already: not thrown again as an uncaught error.
await mount().catch(() => {});

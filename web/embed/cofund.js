// Cofund widget loader: the one script an embedding page includes.
//
//   <div data-cofund data-preset="vaekstpilot-150" data-mode="compact"></div>
//   <script type="module" src="https://cofund.example/embed/cofund.js"></script>
//
// It loads the widget (cofund-embed.js and its .wasm, next to this file) once and mounts
// a widget in every [data-cofund] element. For elements added later, import and call
// `mount()`. No inline script or style is used anywhere, so the page's CSP can stay strict.
import init, { mount_all } from './cofund-embed.js';

const base = new URL('./', import.meta.url).href;
const ready = init();

/** Mounts a widget in every [data-cofund] element that has none yet. */
export async function mount() {
  await ready;
  mount_all(base);
}

await mount();

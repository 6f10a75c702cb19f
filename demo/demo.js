// The demo intranet page's own script. It shows what a host page does:
//  * points the iframe at the widget, allowing this page's origin to talk to it;
//  * sends commands (cofund:set-driver) and reads results (cofund:result) via postMessage.
// `?theme=light|dark|contrast` on this page's address sets both widgets' theme (the tests use it).
const params = new URLSearchParams(location.search);
const theme = params.get('theme');

const frame = document.getElementById('frame-widget');
const widgetOrigin = new URL('../embed/', import.meta.url).origin;
const options = new URLSearchParams({
  preset: 'vaekstpilot-150',
  mode: 'compact',
  readonly: '',
  controls: 'pilots',
  theme: theme ?? 'light',
  origins: location.origin,
});
frame.src = new URL(`../embed/embed.html?${options}`, import.meta.url).href;

const element = document.getElementById('element-widget');
if (theme) element.dataset.theme = theme;

// Not a live region (an <output> is one, as a status): `cofund:result` comes on every
// change, ten for ten presses of an arrow key on the slider, and the widget announces its
// settled result itself; a host's region would read each of them out, and the total twice.
const output = document.getElementById('frame-total');
const danish = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== widgetOrigin) return;
  const data = event.data;
  if (data?.type === 'cofund:result') {
    const r = data.result;
    // Amounts arrive as exact decimal strings; this page only displays them.
    output.textContent = `samlede udgifter ${danish.format(Number(r.total_cost))} kr., ` +
      `manglende finansiering ${danish.format(Number(r.gap))} kr.`;
  } else if (data?.type === 'cofund:error') {
    output.textContent = `fejl: ${data.message}`;
  }
});

for (const [id, value] of [['set-225', 225], ['set-150', 150]]) {
  document.getElementById(id).addEventListener('click', () => {
    frame.contentWindow.postMessage({ type: 'cofund:set-driver', id: 'pilots', value }, widgetOrigin);
  });
}

// Cofund iframe helper for host pages: sizes every <iframe data-cofund-frame> to its
// content (no inner scrollbar, no fixed height).
//
//   <iframe data-cofund-frame title="Cofund" src="https://cofund.example/embed/embed.html?preset=vaekstpilot-150"></iframe>
//   <script type="module" src="https://cofund.example/embed/cofund-host.js"></script>
//
// Only a height message that comes from the frame's own window and origin is used. Sizes
// are set through the CSSOM (element.style), which a strict style-src allows.
const frames = () => Array.from(document.querySelectorAll('iframe[data-cofund-frame]'));

// Full width and no border of its own; also for a frame the page adds later, which is
// styled when its first height message arrives.
const fit = (frame) => {
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.display = 'block';
};
frames().forEach(fit);

window.addEventListener('message', (event) => {
  const frame = frames().find((f) => f.contentWindow === event.source);
  if (!frame || event.origin !== new URL(frame.src, document.baseURI).origin) return;
  const data = event.data;
  if (data && data.type === 'cofund:height' && Number.isFinite(data.height) && data.height > 0) {
    if (frame.style.display !== 'block') fit(frame);
    frame.style.height = `${Math.ceil(data.height)}px`;
  }
});

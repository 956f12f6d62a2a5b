// Injected by `archive serve` only (never part of a built site): reloads the page after a
// successful rebuild and shows the diagnostics of a failed one in an overlay.
(() => {
  const script = document.currentScript;
  // The generation this page was served at: the stream reports anything newer at once,
  // so a rebuild that finished while the page was loading is not missed.
  const endpoint = `${script.dataset.events}?since=${script.dataset.generation}`;
  let overlay = null;

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "archive-dev-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;";
      document.body.append(overlay);
    }
    const title = document.createElement("h2");
    title.textContent = "La reconstruction a échoué — le dernier site valide reste servi";
    title.style.cssText = "color:#ff8a80;font:600 18px system-ui,sans-serif;margin:0 0 1rem";
    const pre = document.createElement("pre");
    pre.textContent = lines.join("\n");
    pre.style.whiteSpace = "pre-wrap";
    overlay.replaceChildren(title, pre);
  }

  // Whether the rebuild rewrote this page (null: it rewrote or restyled everything).
  function shows(pages) {
    if (pages === null) return true;
    const here = window.location.pathname.replace(/index\.html$/, "");
    return pages.includes(here);
  }

  const source = new EventSource(endpoint);
  source.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (data.type === "error") showErrors(data.diagnostics);
    else if (data.type === "reload" && (overlay || shows(data.pages))) window.location.reload();
  });
})();

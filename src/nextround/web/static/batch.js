// The spreadsheet page: check the rows, run them with a progress bar, download the ZIP.
"use strict";
(function () {
  const form = document.getElementById("sheet-form");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  let jobId = null;

  async function post(url, body) {
    const response = await fetch(url, {method: "POST", body: body, headers: {"X-CSRF-Token": csrf},
                                       credentials: "same-origin"});
    try { return await response.json(); } catch (e) { return {error: "The server answered " + response.status + "."}; }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    $("sheet-error").hidden = true;
    $("check-status").textContent = "Reading the spreadsheet...";
    $("dry").hidden = true; $("progress-card").hidden = true;
    const data = await post("/batch/check", new FormData(form));
    $("check-status").textContent = "";
    if (data.error) { $("sheet-error").textContent = data.error; $("sheet-error").hidden = false; return; }
    jobId = data.id;
    $("dry-summary").textContent = data.good + " row" + (data.good === 1 ? "" : "s") + " would be written, " + data.bad + " would fail.";
    $("dry-columns").textContent = "Columns read: " + Object.entries(data.columns).map(([f, h]) => h + " (" + f + ")").join(", ") +
      (data.ignored.length ? ". Ignored: " + data.ignored.join(", ") + "." : ".");
    $("dry-notes").replaceChildren(...data.notes.map((n) => { const li = document.createElement("li"); li.textContent = n; return li; }));
    $("dry-rows").replaceChildren(...data.rows.map((row) => {
      const tr = document.createElement("tr");
      if (!row.ok) tr.className = "failed";
      const a = document.createElement("td"); a.textContent = row.row;
      const b = document.createElement("td"); b.textContent = row.ok ? row.folder + "/  " + row.files.join(", ") : "would fail: " + row.error;
      tr.append(a, b);
      return tr;
    }));
    $("run").disabled = data.good === 0;
    $("dry").hidden = false;
  });

  $("run").addEventListener("click", async () => {
    $("run").disabled = true;
    const data = await post("/batch/" + jobId + "/run", new FormData());
    if (data.error) { $("sheet-error").textContent = data.error; $("sheet-error").hidden = false; return; }
    $("progress-card").hidden = false;
    $("batch-download").hidden = true;
    poll();
  });

  async function poll() {
    const response = await fetch("/batch/" + jobId + "/progress", {credentials: "same-origin"});
    const state = await response.json();
    const bar = $("progress");
    bar.max = Math.max(state.total || 1, 1);
    bar.value = state.done || 0;
    $("progress-text").textContent = state.finished ? (state.error || state.summary) :
      (state.done || 0) + " of " + state.total + " rows done" + (state.failed ? ", " + state.failed + " failed" : "") + "...";
    if (!state.finished) { setTimeout(poll, 700); return; }
    $("failures").replaceChildren(...(state.outcomes || []).map((o) => {
      const li = document.createElement("li"); li.textContent = "Row " + o.row + " failed: " + o.error; return li;
    }));
    if (!state.error) { $("batch-zip").href = "/batch/" + jobId + "/handouts.zip"; $("batch-download").hidden = false; }
  }
})();

// The page's one script: no framework, no build step, nothing loaded from elsewhere.
"use strict";
(function () {
  const form = document.getElementById("plan-form");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);

  function debounce(fn, ms) {
    let timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  async function post(url, body) {
    const response = await fetch(url, {method: "POST", body: body, headers: {"X-CSRF-Token": csrf},
                                       credentials: "same-origin"});
    let data = null;
    try { data = await response.json(); } catch (e) { data = {error: "The server answered " + response.status + "."}; }
    if (!response.ok && !data.error) data.error = "The server answered " + response.status + ".";
    return data;
  }

  function fill(list, items) {
    list.replaceChildren(...items.map((text) => { const li = document.createElement("li"); li.textContent = text; return li; }));
  }

  // -- the understanding panel, as the user types -------------------------------------------
  let explaining = 0;
  async function explain() {
    if (!$("role").value.trim() || !$("company").value.trim() || !$("description").value.trim()) return;
    const mine = ++explaining;
    const body = new FormData(form);
    body.delete("logo");
    const data = await post("/explain", body);
    if (mine !== explaining) return; // a later call is on its way
    $("panel-empty").hidden = !data.error;
    $("panel-body").hidden = !!data.error;
    if (data.error) { $("panel-empty").textContent = data.error; return; }
    $("family-read").textContent = "as read: " + (data.family.fell_back ? "none matched" : data.family.name);
    $("level-read").textContent = "as read: " + data.level_label;
    $("sector-read").textContent = "as read: " + (data.sector ? data.sector.label : "not stated");
    fill($("panel-warnings"), data.warnings);
    fill($("panel-signals"), data.signals.length ? data.signals.map((s) => s.label + " (“" + s.cue + "”)") : ["none stated"]);
    fill($("panel-initiatives"), data.initiatives.length ? data.initiatives.map((i) => i.label + ": " + i.name) : ["none found"]);
    fill($("panel-priorities"), data.priorities);
  }
  const explainSoon = debounce(explain, 600);
  for (const id of ["role", "company", "description"]) $(id).addEventListener("input", explainSoon);
  for (const id of ["family", "level", "sector"]) $(id).addEventListener("change", () => { explain(); remakeSoon(); });

  // -- a description from a file --------------------------------------------------------------
  async function readFile(file) {
    $("description-note").textContent = "Reading " + file.name + "...";
    const body = new FormData();
    body.append("file", file);
    const data = await post("/read-description", body);
    if (data.error) { $("description-note").textContent = data.error; return; }
    $("description").value = data.description;
    $("description-note").textContent = "Read from " + file.name + ": check it, and edit it if you like.";
    explain();
  }
  $("description-file").addEventListener("change", (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault(); drop.classList.remove("over");
    if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]);
  });

  // -- interviewers: add and remove rows -------------------------------------------------------
  const people = $("interviewers");
  const template = people.querySelector(".interviewer").cloneNode(true);
  $("add-interviewer").addEventListener("click", () => {
    if (people.children.length >= 12) return;
    const row = template.cloneNode(true);
    row.querySelectorAll("input").forEach((input) => { input.value = ""; });
    people.appendChild(row);
    row.querySelector("input").focus();
  });
  people.addEventListener("click", (e) => {
    if (!e.target.classList.contains("remove")) return;
    const row = e.target.closest(".interviewer");
    if (people.children.length > 1) row.remove(); else row.querySelectorAll("input").forEach((i) => { i.value = ""; });
  });

  // -- the accent color: a picker and the text it writes -----------------------------------------
  $("accent-picker").addEventListener("input", (e) => { $("accent_color").value = e.target.value; remakeSoon(); });

  // -- make the handouts, show their pages -------------------------------------------------------
  let made = false;
  let making = 0;
  async function make() {
    const mine = ++making;
    $("make").disabled = true;
    $("make-status").textContent = "Making your handouts (a few seconds)...";
    $("make-error").hidden = true;
    const data = await post("/make", new FormData(form));
    if (mine !== making) return;
    $("make").disabled = false;
    $("make-status").textContent = "";
    if (data.error) { $("make-error").textContent = data.error; $("make-error").hidden = false; return; }
    made = true;
    const result = $("result");
    result.hidden = false;
    fill($("warnings"), data.warnings);
    const links = [];
    for (const name of data.files) {
      const a = document.createElement("a");
      a.href = "/jobs/" + data.id + "/files/" + encodeURIComponent(name);
      a.textContent = name;
      a.setAttribute("download", name);
      links.push(a);
    }
    const zip = document.createElement("a");
    zip.href = "/jobs/" + data.id + "/handouts.zip";
    zip.className = "button";
    zip.id = "zip";
    zip.textContent = "Download everything (ZIP)";
    $("downloads").replaceChildren(zip, ...links);
    $("pages").replaceChildren(...data.pages.map((src, i) => {
      // Each picture opens full size in a tab of its own.
      const link = document.createElement("a");
      link.href = src; link.target = "_blank"; link.rel = "noopener";
      const img = document.createElement("img");
      img.src = src; img.alt = "Page " + (i + 1); img.loading = "lazy";
      link.appendChild(img);
      return link;
    }));
    result.scrollIntoView({behavior: "smooth", block: "start"});
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); make(); });
  // Once the pages are shown, a change of look redraws them.
  const remakeSoon = debounce(() => { if (made) make(); }, 900);
  for (const id of ["paper", "theme", "accent_color", "font", "footer", "logo"]) $(id).addEventListener("change", remakeSoon);
})();

// The on-site checklist's outbox. Every answer (and the photo or document with it) is first
// kept in the browser (IndexedDB), then sent in the order it was given, one at a time: a file
// to the case's evidence under its SHA-256 (the same file twice is one file), then the answer
// (the server records an answer that repeats the expert's latest one exactly as nothing new).
// What the network refuses to carry waits for the connection; what the rules refuse is shown
// on its item and dropped.
"use strict";
(function () {
  document.documentElement.classList.add("js");
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});

  const root = document.getElementById("checklist");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const evidenceBase = root.dataset.evidence;
  const countLabel = document.getElementById("outbox-count");
  const outboxBanner = document.getElementById("outbox");
  let sending = false;

  function openStore() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("assay-outbox", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("answers", { keyPath: "id", autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openStore();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("answers", mode);
      const result = work(transaction.objectStore("answers"));
      transaction.oncomplete = () => resolve(result.result !== undefined ? result.result : result);
      transaction.onerror = () => reject(transaction.error);
    });
  }

  const add = (entry) => withStore("readwrite", (store) => store.add(entry));
  const remove = (id) => withStore("readwrite", (store) => store.delete(id));
  const all = () => withStore("readonly", (store) => store.getAll());

  async function showCount() {
    const waiting = (await all()).filter((entry) => new URL(entry.action).pathname === location.pathname + "/answers");
    countLabel.textContent = String(waiting.length);
    outboxBanner.hidden = waiting.length === 0;
    return waiting.length;
  }

  async function sha256(blob) {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return Array.from(new Uint8Array(digest)).map((byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function itemStatus(item, text, kind) {
    const element = document.getElementById("item-" + item.replace(/\./g, "-"));
    if (!element) return;
    element.querySelector(".status").textContent = text;
    element.classList.remove("met", "not-met", "open", "pending", "na");
    if (kind) element.classList.add(kind);
  }

  // Sends what waits, oldest first, until the outbox is empty or the network fails.
  async function send() {
    if (sending) return;
    sending = true;
    let sent = 0;
    try {
      for (;;) {
        const entries = await all();
        if (entries.length === 0) break;
        const entry = entries[0];
        let response;
        try {
          if (entry.file) {
            const put = await fetch(entry.evidence + entry.sha256 + "?name=" + encodeURIComponent(entry.fileName), {
              method: "PUT", body: entry.file, credentials: "same-origin",
              headers: { "X-CSRF-Token": csrf, "Content-Type": entry.file.type || "application/octet-stream" },
            });
            if (!put.ok) throw new Error("evidence " + put.status);
          }
          response = await fetch(entry.action, {
            method: "POST", credentials: "same-origin", body: new URLSearchParams(entry.fields),
            headers: { "X-CSRF-Token": csrf, "Accept": "application/json" },
          });
        } catch (error) {
          break; // offline: try again when the connection returns
        }
        if (response.status >= 500) break;
        await remove(entry.id);
        sent += 1;
        const item = entry.fields.find(([name]) => name === "item")[1];
        if (response.ok) {
          itemStatus(item, root.dataset.sent, "met");
        } else {
          const problem = await response.json().catch(() => ({ detail: String(response.status) }));
          itemStatus(item, problem.detail, "not-met");
        }
      }
    } finally {
      sending = false;
      const waiting = await showCount();
      if (sent > 0 && waiting === 0) refreshScore();
    }
  }

  // The running score, as the server computes it from what it has recorded.
  async function refreshScore() {
    try {
      const response = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("score");
      if (fresh) document.getElementById("score").replaceWith(fresh);
    } catch (error) { /* offline again */ }
  }

  root.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.classList.contains("answer")) return;
    event.preventDefault();
    const data = new FormData(form);
    const file = data.get("file");
    data.delete("file");
    const entry = { action: form.action, evidence: evidenceBase, fields: [] };
    if (file && file.size > 0) {
      entry.file = file;
      entry.fileName = file.name;
      entry.sha256 = await sha256(file);
      data.append(file.type.startsWith("image/") ? "photos" : "documents", entry.sha256);
    }
    for (const [name, value] of data.entries()) entry.fields.push([name, String(value)]);
    await add(entry);
    itemStatus(form.dataset.item, root.dataset.waiting, "pending");
    await showCount();
    send();
  });

  window.addEventListener("online", send);
  setInterval(() => { if (navigator.onLine) send(); }, 5000);
  showCount().then(send);
})();

// oncoguide pages: uploads with per-file progress, live processing status, evidence scrolling.
// No inline script anywhere (the Content-Security-Policy forbids it); this file is the only script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var POLL_MS = 1500;
  var PARALLEL_UPLOADS = 2;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;  // never innerHTML: file names are user input
    return node;
  }

  function announce(text) {
    var live = document.getElementById("announcer");
    if (live) live.textContent = text;
  }

  // --- live status of documents -------------------------------------------------------------
  var documentsList = document.getElementById("documents");
  var uploadItems = {};   // document id -> upload list item mirroring its status
  var pollTimer = null;

  function rowFor(id) {
    return documentsList && documentsList.querySelector('[data-document-id="' + CSS.escape(id) + '"]');
  }

  function ensureRow(id, filename) {
    var row = rowFor(id);
    if (row || !documentsList) return row;
    row = el("li", "document");
    row.dataset.documentId = id;
    row.dataset.status = "queued";
    row.appendChild(el("span", "doc-name", filename));
    row.appendChild(el("span", "doc-date", "uploaded just now"));
    row.appendChild(el("span", "doc-status status-queued", "Waiting to be read"));
    documentsList.appendChild(row);
    var empty = document.getElementById("documents-empty");
    if (empty) empty.hidden = true;
    return row;
  }

  function unfinished() {
    if (!documentsList) return false;
    return documentsList.querySelector('[data-status="queued"], [data-status="processing"]') !== null;
  }

  function showStatus(item) {
    var row = rowFor(item.document_id);
    if (!row) return;
    var before = row.dataset.status;
    row.dataset.status = item.status;
    var status = row.querySelector(".doc-status");
    status.className = "doc-status status-" + item.status;
    status.textContent = item.words;
    var mirror = uploadItems[item.document_id];
    if (mirror) {
      var line = mirror.querySelector(".upload-status");
      line.textContent = item.words;
      line.className = "upload-status status-" + item.status;
    }
    if (item.finished && before !== item.status) {
      announce(row.querySelector(".doc-name").textContent + ": " + item.words);
    }
  }

  function poll() {
    pollTimer = null;
    var url = documentsList.dataset.statusUrl;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (items) {
        items.forEach(showStatus);
        var done = document.getElementById("all-read");
        if (done) done.hidden = unfinished() || items.length === 0;
        schedulePoll();
      })
      .catch(function () { schedulePoll(POLL_MS * 4); });
  }

  function schedulePoll(delay) {
    if (pollTimer === null && documentsList && (unfinished() || activeUploads > 0)) {
      pollTimer = window.setTimeout(poll, delay || POLL_MS);
    }
  }

  // --- uploads -------------------------------------------------------------------------------
  var form = document.getElementById("upload-form");
  var uploadList = document.getElementById("upload-list");
  var waiting = [];
  var activeUploads = 0;

  function sizeWords(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function errorMessage(xhr) {
    try {
      return JSON.parse(xhr.responseText).error.message;
    } catch (e) {
      return xhr.status === 0 ? "The connection was lost. Check your internet connection and try again."
                              : "The upload did not work (error " + xhr.status + "). Try again in a minute.";
    }
  }

  function queueFiles(files) {
    var maxBytes = parseInt(form.dataset.maxBytes, 10) || Infinity;
    Array.prototype.forEach.call(files, function (file) {
      var item = el("li", "upload");
      item.appendChild(el("span", "doc-name", file.name));
      item.appendChild(el("span", "doc-date", sizeWords(file.size)));
      var bar = el("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Upload of " + file.name);
      item.appendChild(bar);
      var line = el("span", "upload-status", "Waiting to upload");
      item.appendChild(line);
      uploadList.appendChild(item);
      if (file.size > maxBytes) {
        bar.remove();
        line.className = "upload-status upload-error";
        line.textContent = "Not uploaded: this file is larger than the limit of " + sizeWords(maxBytes) +
          ". Split it into smaller files or scan it at a lower resolution.";
        return;
      }
      waiting.push({ file: file, item: item, bar: bar, line: line });
    });
    pump();
  }

  function pump() {
    while (activeUploads < PARALLEL_UPLOADS && waiting.length) {
      send(waiting.shift());
    }
  }

  function send(job) {
    activeUploads += 1;
    job.line.textContent = "Uploading";
    var data = new FormData();
    data.append("file", job.file, job.file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.uploadUrl);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        var pct = Math.round((e.loaded / e.total) * 100);
        job.bar.value = pct;
        job.line.textContent = "Uploading: " + pct + " %";
      }
    };
    xhr.onload = function () {
      finish();
      if (xhr.status === 202) {
        var answer = JSON.parse(xhr.responseText);
        var doc = answer.documents[0];
        job.bar.value = 100;
        job.line.textContent = doc.duplicate ? "Already uploaded before" : "Uploaded; waiting to be read";
        job.item.dataset.documentId = doc.document_id;
        uploadItems[doc.document_id] = job.item;
        ensureRow(doc.document_id, job.file.name);
        if (pollTimer !== null) { window.clearTimeout(pollTimer); pollTimer = null; }
        poll();
      } else {
        job.bar.remove();
        job.line.className = "upload-status upload-error";
        job.line.textContent = "Not uploaded: " + errorMessage(xhr);
        announce(job.file.name + ": not uploaded");
      }
    };
    xhr.onerror = function () {
      finish();
      job.bar.remove();
      job.line.className = "upload-status upload-error";
      job.line.textContent = "Not uploaded: " + errorMessage(xhr);
    };
    xhr.send(data);
  }

  function finish() {
    activeUploads -= 1;
    pump();
  }

  if (form && uploadList) {
    var dropzone = document.getElementById("dropzone");
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      input.addEventListener("change", function () {
        if (input.files.length) queueFiles(input.files);
        input.value = "";
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    ["dragenter", "dragover"].forEach(function (name) {
      dropzone.addEventListener(name, function (e) { e.preventDefault(); dropzone.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      dropzone.addEventListener(name, function () { dropzone.classList.remove("dragging"); });
    });
    dropzone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) queueFiles(e.dataTransfer.files);
    });
  }

  if (documentsList && unfinished()) schedulePoll();

  // --- review: keep the selected field in sight in its scrolling list -------------------------------
  var current = document.querySelector('.field-list [aria-current="true"]');
  var fieldList = current && current.closest(".field-list");
  if (fieldList && fieldList.scrollHeight > fieldList.clientHeight) {
    fieldList.scrollTop = current.offsetTop - fieldList.offsetTop - fieldList.clientHeight / 3;
  }

  // --- evidence: bring the highlighted words into view ------------------------------------------
  // Inside the page's own scroll box always; the window too on the evidence page.
  document.querySelectorAll(".page-scroll").forEach(function (scroller) {
    var box = scroller.querySelector(".evidence-box");
    var img = scroller.querySelector("img");
    if (!box) return;
    var reveal = function () {
      var outer = scroller.getBoundingClientRect();
      var inner = box.getBoundingClientRect();
      scroller.scrollTop += (inner.top - outer.top) - (outer.height - inner.height) / 2;
      scroller.scrollLeft += (inner.left - outer.left) - (outer.width - inner.width) / 2;
      if (scroller.closest("[data-scroll-to-evidence]")) box.scrollIntoView({ block: "center", inline: "nearest" });
    };
    if (img && !img.complete) img.addEventListener("load", reveal); else reveal();
  });
})();

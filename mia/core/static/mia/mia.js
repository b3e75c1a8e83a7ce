/* MIA progressive enhancement: forms work without this file.
 *
 * Forms marked data-autosave are saved while you type (debounced POST with
 * X-Requested-With), and every change is also kept in localStorage until the
 * server confirms it, so nothing typed is lost on navigation, a lost
 * connection or an expired login. */
(function () {
  "use strict";

  function draftKey(form) { return "mia-draft:" + location.pathname + ":" + (form.id || "form"); }

  function fieldValues(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "file" || el.type === "password") return;
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name + "=" + el.value] = el.checked;
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restoreDraft(form, status) {
    var raw = localStorage.getItem(draftKey(form));
    if (!raw) return;
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    var changed = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox" || el.type === "radio") {
        var k = el.name + "=" + el.value;
        if (k in draft && el.checked !== draft[k]) { el.checked = draft[k]; changed = true; }
      } else if (el.name in draft && el.type !== "hidden" && el.type !== "file" && el.value !== draft[el.name]) {
        el.value = draft[el.name]; changed = true;
      }
    });
    if (changed && status) {
      status.textContent = status.dataset.restored || "Niet-opgeslagen tekst is teruggezet. Sla op om hem te bewaren.";
    }
  }

  function autosave(form) {
    var status = form.querySelector(".saved-state");
    var timer = null, dirty = false, inflight = false;
    var submittedKey = "mia-submitted:" + draftKey(form);
    if (sessionStorage.getItem(submittedKey) && document.querySelector(".message-success")) {
      // The plain submit of this form was saved by the server: the draft is stale.
      localStorage.removeItem(draftKey(form));
    }
    sessionStorage.removeItem(submittedKey);
    restoreDraft(form, status);

    function say(text) { if (status) status.textContent = text; }

    function save() {
      if (inflight) { timer = setTimeout(save, 500); return; }
      inflight = true;
      say(status && status.dataset.saving || "Bezig met opslaan…");
      fetch(form.action || location.href, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) throw new Error("not saved");
        return response.json();
      }).then(function (body) {
        if (body.saved) {
          dirty = false;
          localStorage.removeItem(draftKey(form));
          say(status && status.dataset.saved || "Opgeslagen.");
        } else {
          say(status && status.dataset.invalid || "Nog niet opgeslagen: kijk de velden na en klik op Opslaan.");
        }
      }).catch(function () {
        say(status && status.dataset.offline || "Niet opgeslagen (geen verbinding of u bent uitgelogd). Uw tekst blijft op dit apparaat bewaard.");
      }).then(function () { inflight = false; });
    }

    function changed() {
      dirty = true;
      localStorage.setItem(draftKey(form), JSON.stringify(fieldValues(form)));
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      // Keep the draft until the next page confirms the save: if the login
      // expired, the text comes back after logging in again.
      dirty = false;
      clearTimeout(timer);
      localStorage.setItem(draftKey(form), JSON.stringify(fieldValues(form)));
      sessionStorage.setItem(submittedKey, "1");
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  /* Plain-language check while typing: textareas with data-readability get the
   * verdict box (rendered by the server) refreshed after a pause. */
  function readability(field) {
    var url = field.getAttribute("data-readability");
    var box = document.getElementById(field.id + "_readability");
    var form = field.form;
    var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    if (!box || !token) return;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new FormData();
        body.append("text", field.value);
        body.append("field", field.id);
        body.append("csrfmiddlewaretoken", token.value);
        fetch(url, { method: "POST", body: body, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (!html) return;
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var fresh = holder.firstElementChild;
            if (fresh) box.innerHTML = fresh.innerHTML;
          }).catch(function () {});
      }, 800);
    });
  }

  /* A background job's progress: poll its status; when it is finished, go to its result
     (or reload, so the page shows the outcome). */
  function followJob(box) {
    var url = box.getAttribute("data-job-status");
    var bar = box.querySelector("progress");
    function poll() {
      fetch(url, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.status !== "wacht" && job.status !== "bezig") {
            if (job.status === "klaar" && job.url) { location.assign(job.url); } else { location.reload(); }
            return;
          }
          bar.value = job.percent;
          box.querySelector("[data-job-percent]").textContent = job.percent;
          box.querySelector("[data-job-step]").textContent = job.step;
          setTimeout(poll, 1500);
        }).catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1500);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-job-status]"), followJob);
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-readability]"), readability);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), autosave);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var summary = document.getElementById("fouten");
    if (summary) summary.focus();
  });
})();

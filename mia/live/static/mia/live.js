/* Live MIA-dialoog: the participant's phone screen and the facilitator's wall.
 *
 * Phone: the text of a card is kept in localStorage until the server confirms it;
 * every card has a client-generated id, so a retry updates the same card and never
 * adds one. Round changes arrive by long polling the state API and are shown
 * without reloading the page.
 */
(function () {
  "use strict";

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function hhmm(date) {
    return date.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
  }

  /* ---------------------------------------------------------------- participant */

  function Participant(root) {
    this.root = root;
    this.stateUrl = root.dataset.stateUrl;
    this.streamUrl = root.dataset.streamUrl;
    this.cardUrl = root.dataset.cardUrl;
    this.token = root.dataset.token;
    this.texts = document.getElementById("live-texts").dataset;
    this.state = JSON.parse(document.getElementById("live-state").textContent);
    this.connection = document.getElementById("live-connection");
    this.retryDelay = {};
    this.sending = {};
  }

  Participant.prototype.key = function (roundId, kind) {
    return "mia-live:" + this.token + ":" + roundId + ":" + kind;
  };

  Participant.prototype.load = function (roundId, kind) {
    try { return JSON.parse(localStorage.getItem(this.key(roundId, kind))); } catch (e) { return null; }
  };

  Participant.prototype.store = function (roundId, kind, entry) {
    try { localStorage.setItem(this.key(roundId, kind), JSON.stringify(entry)); } catch (e) { /* private mode: keep going */ }
  };

  Participant.prototype.serverCard = function (kind) {
    return (this.state.cards || []).filter(function (c) { return c.kind === kind; })[0] || null;
  };

  Participant.prototype.setCardState = function (form, text) {
    form.querySelector(".card-state").textContent = text;
  };

  Participant.prototype.start = function () {
    var self = this;
    this.forms().forEach(function (form) { self.wire(form); });
    this.resumeUnsent();
    window.addEventListener("online", function () { self.resumeUnsent(); });
    if (this.streamUrl && window.EventSource) this.stream(); else this.poll();
  };

  /* Server-Sent Events: the server pushes each new state; the browser reconnects by itself and
     sends the id of the last event, so nothing is missed. Networks that block streams get long polling. */
  Participant.prototype.stream = function () {
    var self = this;
    var heard = false;
    var failures = 0;
    var source = new EventSource(this.streamUrl + "?version=" + this.state.version);
    source.addEventListener("open", function () { failures = 0; self.connection.textContent = ""; });
    source.addEventListener("state", function (event) {
      heard = true;
      failures = 0;
      var fresh = JSON.parse(event.data);
      if (fresh.version !== self.state.version) self.apply(fresh);
    });
    source.addEventListener("error", function () {
      failures += 1;
      if (failures > 1) self.connection.textContent = self.texts.noConnection;
      // Never heard anything, or the stream keeps failing: fall back to long polling.
      if ((!heard && failures >= 3) || failures >= 6 || source.readyState === EventSource.CLOSED) {
        source.close();
        self.poll();
      }
    });
  };

  Participant.prototype.forms = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll("form.live-card"));
  };

  /* Attach a card form to local storage: restore unsent text, keep every keystroke on the device. */
  Participant.prototype.wire = function (form) {
    var self = this;
    var round = this.state.round;
    if (!round) return;
    var kind = form.dataset.kind;
    var textarea = form.querySelector("textarea");
    var topic = form.querySelector("input[name=topic]");  // the card's "Onderwerp" (not on the closing card)
    var idField = form.querySelector("input[name=client_id]");
    var local = this.load(round.id, kind);
    var server = this.serverCard(kind);
    if (local && !local.saved && local.text) {
      textarea.value = local.text;
      if (topic) topic.value = local.topic || "";
      this.setCardState(form, this.texts.unsaved);
    }
    idField.value = (server && server.client_id) || (local && local.client_id) || idField.value || newId();
    var keep = function () {
      self.store(round.id, kind, { client_id: idField.value, topic: topic ? topic.value : "", text: textarea.value, saved: false });
    };
    [textarea, topic].forEach(function (field) {
      if (!field) return;
      field.addEventListener("input", function () { keep(); self.setCardState(form, self.texts.unsaved); });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (self.state.phase !== "ronde") return;
      keep();
      self.send(round.id, kind, form);
    });
  };

  Participant.prototype.resumeUnsent = function () {
    var self = this;
    var round = this.state.round;
    if (!round || this.state.phase !== "ronde") return;
    this.forms().forEach(function (form) {
      var local = self.load(round.id, form.dataset.kind);
      if (local && !local.saved && local.text && local.text.trim()) self.send(round.id, form.dataset.kind, form);
    });
  };

  /* Send a card until the server answers: network failures and server errors are retried with backoff. */
  Participant.prototype.send = async function (roundId, kind, form) {
    var key = roundId + ":" + kind;
    if (this.sending[key]) { this.sending[key].again = true; return; }
    this.sending[key] = { again: false };
    try {
      for (;;) {
        var local = this.load(roundId, kind);
        if (!local || local.saved) break;
        this.setCardState(form, this.texts.saving);
        var outcome = await this.put(roundId, kind, local);
        if (outcome.done) {
          this.retryDelay[key] = 0;
          if (outcome.ok) {
            var now = this.load(roundId, kind);
            // Only mark saved when nothing was typed while the request was under way.
            if (now && now.text === local.text && (now.topic || "") === (local.topic || "")) {
              now.saved = true; this.store(roundId, kind, now);
            }
            this.setCardState(form, this.texts.saved + " " + hhmm(new Date()) + ".");
          } else {
            this.setCardState(form, outcome.message);
            break;
          }
          if (!this.sending[key].again) break;
          this.sending[key].again = false;
          continue;
        }
        this.setCardState(form, this.texts.offline);
        var delay = Math.min(30000, (this.retryDelay[key] || 1000) * 2);
        this.retryDelay[key] = delay;
        await sleep(delay);
      }
    } finally {
      delete this.sending[key];
    }
  };

  Participant.prototype.put = async function (roundId, kind, local) {
    var url = this.cardUrl.replace("00000000-0000-0000-0000-000000000000", local.client_id);
    try {
      var response = await fetch(url, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ round: roundId, kind: kind, topic: local.topic || "", text: local.text }),
      });
      if (response.ok) return { done: true, ok: true };
      if (response.status >= 500 || response.status === 429) return { done: false };
      var body = {};
      try { body = await response.json(); } catch (e) { /* not JSON */ }
      return { done: true, ok: false, message: body.detail || this.texts.unsaved };
    } catch (e) {
      return { done: false };
    }
  };

  /* Long polling: ask for the state and let the server answer when the version changes. */
  Participant.prototype.poll = async function () {
    var failures = 0;
    for (;;) {
      try {
        var response = await fetch(this.stateUrl + "?version=" + this.state.version + "&wait=25",
          { headers: { "Accept": "application/json" }, cache: "no-store" });
        if (!response.ok) throw new Error("status " + response.status);
        failures = 0;
        this.connection.textContent = "";
        if (response.status === 204) continue;  // nothing changed while we waited
        var fresh = await response.json();
        if (fresh.version !== this.state.version) this.apply(fresh);
      } catch (e) {
        failures += 1;
        if (failures > 1) this.connection.textContent = this.texts.noConnection;
        await sleep(Math.min(15000, 1000 * failures));
      }
    }
  };

  Participant.prototype.apply = function (fresh) {
    var oldRound = this.state.round ? this.state.round.id : null;
    this.state = fresh;
    var phase = fresh.phase;
    this.root.querySelectorAll("section[data-phase]").forEach(function (section) {
      section.hidden = section.dataset.phase.split(" ").indexOf(phase) < 0;
    });
    document.getElementById("live-closing-message").textContent = fresh.closing_message;
    var round = fresh.round;
    if (!round) return;
    document.getElementById("live-question").textContent = round.question;
    document.getElementById("live-round-label").textContent =
      round.is_closing ? this.texts.closing : this.texts.question + " " + round.number;
    document.getElementById("live-closed-note").hidden = phase !== "pauze";
    document.getElementById("live-instruction").hidden = phase !== "ronde";
    if (round.id !== oldRound) this.rebuildCards(round);
    this.forms().forEach(function (form) {
      form.querySelector("textarea").readOnly = phase !== "ronde";
      var topic = form.querySelector("input[name=topic]");
      if (topic) topic.readOnly = phase !== "ronde";
      form.querySelector("button[type=submit]").disabled = phase !== "ronde";
    });
    if (phase === "ronde") this.resumeUnsent();
  };

  Participant.prototype.rebuildCards = function (round) {
    var self = this;
    var section = this.root.querySelector("section[data-phase='ronde pauze']");
    this.forms().forEach(function (form) { form.remove(); });
    var template = document.getElementById("live-card-template");
    round.card_kinds.forEach(function (cardKind) {
      var form = template.content.firstElementChild.cloneNode(true);
      var id = "kaart-" + cardKind.kind;
      form.dataset.kind = cardKind.kind;
      form.querySelector("input[name=round]").value = round.id;
      form.querySelector("input[name=kind]").value = cardKind.kind;
      var label = form.querySelector("label.text-label");
      label.textContent = cardKind.label;
      label.htmlFor = id;
      var topicLabel = form.querySelector("label.topic-label");
      var topic = form.querySelector("input[name=topic]");
      var server = self.serverCard(cardKind.kind);
      if (cardKind.has_topic) {
        topicLabel.querySelector(".topic-text").textContent = round.topic_label;
        topicLabel.querySelector(".sr-only").textContent = " (" + cardKind.label + ")";
        topicLabel.htmlFor = topic.id = id + "-onderwerp";
        topic.value = server ? (server.topic || "") : "";
      } else {
        topicLabel.remove();
        topic.remove();
      }
      form.querySelector("button .sr-only").textContent = ": " + cardKind.label;
      var textarea = form.querySelector("textarea");
      textarea.id = id;
      textarea.setAttribute("aria-describedby", id + "-status");
      form.querySelector(".card-state").id = id + "-status";
      textarea.value = server ? server.text : "";
      self.setCardState(form, server ? self.texts.saved + " " + hhmm(new Date(server.saved_at)) + "." : self.texts.unsaved);
      section.appendChild(form);
      self.wire(form);
    });
  };

  /* ---------------------------------------------------------------- facilitator */

  function Wall(root) {
    this.root = root;
    this.url = root.dataset.wallUrl;
    this.round = root.dataset.round;
    this.version = root.dataset.version;
    this.cursor = null;
    this.removed = null;
    this.list = document.querySelector("[data-wall-list]");
  }

  Wall.prototype.start = function () {
    var self = this;
    var timer = document.querySelector("[data-deadline]");
    if (timer) {
      var deadline = new Date(timer.dataset.deadline);
      var tick = function () {
        var left = Math.round((deadline - new Date()) / 1000);
        if (left <= 0) { timer.textContent = timer.dataset.over; timer.classList.add("timer-over"); return; }
        timer.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      };
      tick();
      setInterval(tick, 1000);
    }
    // The next refresh is planned when this one is done, never on a fixed beat: on a slow network or
    // a busy server, refreshes must not pile up (each one holds a server thread and a connection).
    var again = function () { self.refresh().finally(function () { setTimeout(again, 1500); }); };
    again();
  };

  Wall.prototype.refresh = async function () {
    var url = this.url + (this.cursor ? "?since=" + encodeURIComponent(this.cursor) : "");
    var data;
    try {
      var response = await fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store" });
      if (!response.ok) return;
      data = await response.json();
    } catch (e) { return; }
    var roundId = data.round ? String(data.round.id) : "";
    if (roundId !== this.round || String(data.version) !== this.version) { window.location.reload(); return; }
    var received = document.querySelector("[data-received]");
    if (received) received.textContent = data.received;
    var expected = document.querySelector("[data-expected]");
    if (expected) expected.textContent = data.round ? data.expected : data.participants;
    this.cursor = data.cursor || this.cursor;
    this.show(data.cards);
    this.drop(data.removed || []);
  };

  /* Cards off the wall (consent withdrawn, hidden by the facilitator) leave an open screen too.
     A card that leaves the removed set is back on the wall: the next refresh fetches everything. */
  Wall.prototype.drop = function (ids) {
    var self = this;
    var now = {};
    ids.forEach(function (id) {
      now[id] = true;
      var item = self.list && self.list.querySelector("[data-card-id='" + id + "']");
      if (item) item.remove();
    });
    if (this.removed && Object.keys(this.removed).some(function (id) { return !now[id]; })) this.cursor = null;
    this.removed = now;
  };

  Wall.prototype.show = function (cards) {
    var self = this;
    if (!this.list || !cards.length) return;
    var empty = this.list.querySelector(".wall-empty");
    if (empty) empty.remove();
    cards.slice().reverse().forEach(function (card) {
      var item = self.list.querySelector("[data-card-id='" + card.id + "']");
      if (!item) {
        item = document.createElement("li");
        item.dataset.cardId = card.id;
        item.className = "wall-card wall-" + card.kind;
      }
      // Every part is made when missing: a card drawn by the server without an author or topic has none.
      ["wall-kind", "wall-topic", "wall-text", "wall-author"].forEach(function (name) {
        if (!item.querySelector("." + name)) {
          var span = document.createElement("span");
          span.className = name;
          item.appendChild(document.createTextNode(" "));
          item.appendChild(span);
        }
      });
      item.querySelector(".wall-kind").textContent =
        self.list.dataset["label" + card.kind[0].toUpperCase() + card.kind.slice(1)] || "";
      item.querySelector(".wall-topic").textContent = card.topic || "";
      item.querySelector(".wall-text").textContent = card.text;
      item.querySelector(".wall-author").textContent = card.author || "";
      self.list.insertBefore(item, self.list.firstChild);
    });
  };

  /* ---------------------------------------------------------------- crowd wall */

  /* Counts and themes refresh from the API; every half minute the page asks for fresh themes,
     which a background job finds (never while a request waits). */
  function Crowd(root) {
    this.root = root;
    this.url = root.dataset.crowdUrl;
    this.themesUrl = root.dataset.themesUrl;
    var token = root.querySelector("input[name=csrfmiddlewaretoken]");
    this.csrf = token ? token.value : "";
  }

  Crowd.prototype.start = function () {
    var self = this;
    this.askForThemes();
    var again = function () { self.refresh().finally(function () { setTimeout(again, 5000); }); };
    setTimeout(again, 5000);
    setInterval(function () { self.askForThemes(); }, 30000);
  };

  Crowd.prototype.askForThemes = function () {
    fetch(this.themesUrl, { method: "POST", headers: { "X-CSRFToken": this.csrf, "Accept": "application/json" },
                            credentials: "same-origin" }).catch(function () { /* next time */ });
  };

  Crowd.prototype.refresh = async function () {
    var data;
    try {
      var response = await fetch(this.url, { headers: { "Accept": "application/json" }, cache: "no-store" });
      if (!response.ok) return;
      data = await response.json();
    } catch (e) { return; }
    var root = this.root;
    data.questions.forEach(function (q) {
      var row = root.querySelector("[data-round-id='" + q.id + "']");
      if (!row) return;
      row.querySelector("[data-cards]").textContent = q.cards;
      row.querySelector("[data-writers]").textContent = q.writers;
    });
    var list = root.querySelector("[data-crowd-themes]");
    if (!list || !data.themes_at) return;
    var note = root.querySelector("[data-crowd-themes-note]");
    if (note) note.textContent = note.dataset.found.replace("%n", data.themes_counted);
    list.textContent = "";
    data.themes.forEach(function (theme) {
      var item = document.createElement("li");
      var label = document.createElement("strong");
      label.textContent = theme.label;
      item.appendChild(label);
      item.appendChild(document.createTextNode(" (" + theme.size + ")"));
      theme.quotes.forEach(function (text) {
        item.appendChild(document.createElement("br"));
        var quote = document.createElement("q");
        quote.textContent = text;
        item.appendChild(quote);
      });
      list.appendChild(item);
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var crowd = document.querySelector("[data-crowd-wall]");
    if (crowd) new Crowd(crowd).start();
    var participant = document.querySelector("[data-live-participant]");
    if (participant) new Participant(participant).start();
    var wall = document.querySelector("[data-live-wall]");
    if (wall) new Wall(wall).start();
  });
})();

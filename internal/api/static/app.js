// modelwire search page: keeps the "Latest releases" panel live with the
// Server-Sent Events stream /api/releases/stream, and redraws the
// timeline as soon as its week/month choice changes (dates wait for the
// Zoom button: a date being typed changes many times). The page works
// without it.
(function () {
  "use strict";
  var every = document.querySelector("#timeline-range select[name=every]");
  if (every) {
    every.addEventListener("change", function () { every.form.requestSubmit(); });
  }
  var list = document.getElementById("release-list");
  var status = document.getElementById("live-status");
  if (!list || !window.EventSource) {
    return;
  }
  var maxItems = 20;

  // Resume right after the last event the server listed; on reconnects the
  // browser sends Last-Event-ID itself, which the server prefers.
  var source = new EventSource("/api/releases/stream?last_event_id=" +
    encodeURIComponent(list.dataset.lastSeq || "0"));
  source.onopen = function () { setStatus("live"); };
  source.onerror = function () { setStatus("reconnecting…"); };
  source.onmessage = function (e) {
    var ev;
    try {
      ev = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (ev && ev.key) {
      upsert(ev);
    }
  };

  function setStatus(text) {
    if (status) {
      status.textContent = text;
    }
  }

  // upsert adds a new release on top, or updates the one already listed.
  function upsert(ev) {
    var empty = list.querySelector("li.empty");
    if (empty) {
      empty.remove();
    }
    var item = null;
    list.querySelectorAll("li.release").forEach(function (li) {
      if (li.dataset.key === ev.key) {
        item = li;
      }
    });
    var sources = (ev.sources || []).length;
    if (item) {
      var count = item.querySelector(".sources");
      if (count && sources > Number(count.dataset.count || 0)) {
        setSources(count, sources);
      }
      item.classList.add("updated");
      return;
    }
    item = render(ev, sources);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > maxItems) {
      list.removeChild(list.lastChild);
    }
  }

  // render builds a list item with textContent only: event text is never
  // parsed as HTML.
  function render(ev, sources) {
    var li = document.createElement("li");
    li.className = "release new";
    li.dataset.key = ev.key;
    var model = document.createElement("a");
    model.className = "model";
    model.href = modelPath(ev.key);
    model.textContent = ev.model || "";
    li.appendChild(model);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(span("vendor", ev.vendor));
    li.appendChild(document.createTextNode(" "));
    var announced = ev.published_at || ev.first_seen || "";
    var time = document.createElement("time");
    time.className = "announced";
    time.title = "announced";
    time.dateTime = announced;
    time.textContent = announced.slice(0, 10);
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    var first = span("first-seen", "first seen ");
    var firstTime = document.createElement("time");
    firstTime.dateTime = ev.first_seen || "";
    firstTime.textContent = (ev.first_seen || "").slice(0, 10);
    first.appendChild(firstTime);
    li.appendChild(first);
    li.appendChild(document.createTextNode(" "));
    var url = ev.article_url || "";
    if (/^https?:\/\//i.test(url)) {
      var a = document.createElement("a");
      a.className = "source";
      a.href = url;
      a.rel = "noopener noreferrer";
      a.textContent = ev.title || "source";
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
    }
    var count = span("sources", "");
    setSources(count, Math.max(sources, 1));
    li.appendChild(count);
    return li;
  }

  // modelPath is the model page of a release key, each segment escaped.
  function modelPath(key) {
    return "/model/" + String(key || "").split("/").map(encodeURIComponent).join("/");
  }

  function setSources(el, n) {
    el.dataset.count = String(n);
    el.textContent = n + (n === 1 ? " source" : " sources");
  }

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text || "";
    return s;
  }
})();

// The staff's page at the door (decisions 0024, 0031). Every scan gets an id made here and goes into a queue kept in
// localStorage before anything is sent, so that a scan made without a connection (or while the page reloads) is sent
// when the connection is back, and a queue sent twice is answered the same by the server and recorded once. The answer
// shown without a connection comes from the ticket's signature, checked here with the service's public key (a forged
// code is refused on the spot and never queued), the list synced from the server (registrations with their ticket
// codes, seats and admissions) and this phone's own admissions; the server's answer replaces it when the scan is sent.
(function () {
  'use strict';

  var main = document.getElementById('main');
  if (!main || !main.dataset.scanUrl) {
    return;
  }
  var texts = document.getElementById('texts').dataset;
  var eventId = main.dataset.event;
  var keys = {
    queue: 'rushreg.checkin.queue.' + eventId,
    list: 'rushreg.checkin.list.' + eventId,
    synced: 'rushreg.checkin.synced.' + eventId,
    admitted: 'rushreg.checkin.admitted.' + eventId
  };
  var labels = {
    ADMITTED: texts.admitted, ALREADY_ADMITTED: texts.already, CANCELLED: texts.cancelled,
    NOT_CONFIRMED_FOR_SESSION: texts.notConfirmed, UNKNOWN: texts.unknown, PENDING: texts.pending
  };
  var tone = {ADMITTED: 'ok', ALREADY_ADMITTED: 'warn', PENDING: 'warn'};
  var state = {online: navigator.onLine, login: false, flushing: false, again: false, latest: null};

  function load(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    window.localStorage.setItem(key, JSON.stringify(value));
  }

  function newScanId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    return 'scan-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  function door() {
    return document.getElementById('door').value || null;
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString(main.dataset.lang, {hour: '2-digit', minute: '2-digit'});
  }

  function entryByCode(code) {
    var text = code.trim();
    var upper = text.toUpperCase();
    return load(keys.list, []).find(function (entry) {
      return entry.code === text || entry.shortCode === upper;
    }) || null;
  }

  var publicKey = null;

  /**
   * The ticket a full code stands for ({eventId, registrationId}), false when its signature is not the service's,
   * or null when this browser cannot check Ed25519 signatures (then the list alone answers).
   */
  async function verified(code) {
    var parts = code.split('.');
    if (parts.length !== 4 || parts[0] !== 'T1' || !parts[1] || !parts[2]) {
      return false;
    }
    var signature;
    try {
      signature = Uint8Array.from(atob(parts[3].replace(/-/g, '+').replace(/_/g, '/')), function (c) {
        return c.charCodeAt(0);
      });
    } catch (e) {
      return false;
    }
    if (signature.length !== 64) {
      return false;
    }
    try {
      if (!publicKey) {
        var der = Uint8Array.from(atob(main.dataset.publicKey), function (c) {
          return c.charCodeAt(0);
        });
        publicKey = await window.crypto.subtle.importKey('spki', der, {name: 'Ed25519'}, false, ['verify']);
      }
      var message = new TextEncoder().encode('rushreg-ticket-v1|' + parts[1] + '|' + parts[2]);
      var genuine = await window.crypto.subtle.verify({name: 'Ed25519'}, publicKey, signature, message);
      return genuine ? {eventId: parts[1], registrationId: parts[2]} : false;
    } catch (e) {
      return null;
    }
  }

  function entryById(registrationId) {
    return load(keys.list, []).find(function (entry) {
      return entry.registrationId === registrationId;
    }) || null;
  }

  function describe(result, body) {
    var detail = [];
    if (body && body.at && (result === 'ALREADY_ADMITTED' || result === 'ADMITTED' || result === 'CANCELLED')) {
      detail.push(texts.at + ' ' + clock(body.at));
    }
    if (body && body.conflict) {
      detail.push(texts.conflict);
    }
    if (body && body.unlisted) {
      var synced = load(keys.synced, null);
      detail.push(texts.unlisted + ' ' + (synced ? clock(synced) : '—'));
    }
    if (body && body.forged) {
      detail.push(texts.forged);
    }
    if (body && body.offline) {
      detail.push(texts.offline);
    }
    return detail.join(' · ');
  }

  function show(result, name, detail, label) {
    var answer = document.getElementById('answer');
    answer.className = 'answer ' + (tone[result] || 'stop');
    document.getElementById('answer-result').textContent = label || labels[result] || result;
    document.getElementById('answer-name').textContent = name || '';
    document.getElementById('answer-detail').textContent = detail || '';
  }

  function remember(scan, result, body, name) {
    var recent = document.getElementById('recent');
    var item = document.createElement('li');
    item.dataset.scan = scan.scanId;
    item.dataset.result = result;
    var said = result === 'ADMITTED' && body && body.seatFreed ? texts.seatFreed : labels[result] || result;
    item.textContent = clock(scan.scannedAt) + ' · ' + said + (name ? ' · ' + name : '')
        + (body && body.conflict ? ' · ' + texts.conflict : '');
    var earlier = recent.querySelector('li[data-scan="' + scan.scanId + '"]');
    if (earlier) {
      recent.replaceChild(item, earlier);
    } else {
      recent.insertBefore(item, recent.firstChild);
    }
    while (recent.children.length > 20) {
      recent.removeChild(recent.lastChild);
    }
  }

  function status() {
    var online = document.getElementById('online-state');
    online.textContent = state.login ? texts.login : state.online ? texts.online : texts.offlineState;
    document.getElementById('queued').textContent = String(load(keys.queue, []).length);
    var synced = load(keys.synced, null);
    document.getElementById('synced').textContent = synced ? clock(synced) : '—';
  }

  /**
   * The answer for a scan made without a connection; the server decides when the scan is sent. A genuine ticket
   * missing from the list was issued after the sync (the list holds every registration with, or waiting for, a seat):
   * admitted, and said so.
   */
  function offlineAnswer(registrationId, entry, doorId) {
    if (!registrationId) {
      return {result: 'UNKNOWN'};
    }
    if (entry && entry.status === 'CANCELLED') {
      return {result: 'CANCELLED'};
    }
    var seat = !entry || (doorId ? entry.sessions.indexOf(doorId) >= 0 : entry.sessions.length > 0);
    if (!seat) {
      return {result: 'NOT_CONFIRMED_FOR_SESSION'};
    }
    var admitted = load(keys.admitted, {});
    var first = admitted[(doorId || '') + '|' + registrationId]
        || (entry && entry.admitted && entry.admitted[doorId || '']);
    if (first) {
      return {result: 'ALREADY_ADMITTED', at: first};
    }
    return {result: 'ADMITTED', unlisted: !entry};
  }

  function admittedHere(scan, registrationId, at) {
    var admitted = load(keys.admitted, {});
    var key = (scan.sessionId || '') + '|' + registrationId;
    if (!admitted[key]) {
      admitted[key] = at;
      save(keys.admitted, admitted);
    }
  }

  async function check(code) {
    var entry = entryByCode(code);
    var text = entry ? entry.code : code.trim();
    if (!text) {
      return;
    }
    var scan = {scanId: newScanId(), code: text, scannedAt: new Date().toISOString()};
    if (door()) {
      scan.sessionId = door();
    }
    if (!entry && /^[0-9A-Za-z]{5}-[0-9A-Za-z]{5}$/.test(text)) {
      // A short code is only a handle into the list: without its entry there is no ticket to send.
      show('UNKNOWN', null, null);
      remember(scan, 'UNKNOWN', null, text);
      return;
    }
    var online = state.online && !state.login;
    var registrationId = entry ? entry.registrationId : null;
    if (!online && !entry) {
      var ticket = await verified(text);
      if (ticket === false || (ticket && ticket.eventId !== eventId)) {
        // Never a ticket of this event, whatever the server says later: refused here and not queued.
        var refusal = {offline: true, forged: ticket === false};
        show('UNKNOWN', null, describe('UNKNOWN', refusal), ticket ? texts.otherEvent : null);
        remember(scan, 'UNKNOWN', refusal, null);
        return;
      }
      if (ticket) {
        registrationId = ticket.registrationId;
        entry = entryById(registrationId);
      }
    }
    var queue = load(keys.queue, []);
    queue.push(scan);
    save(keys.queue, queue);
    state.latest = scan.scanId;
    if (online) {
      show('PENDING', entry ? entry.name : null, null);
    } else {
      var offline = offlineAnswer(registrationId, entry, scan.sessionId || null);
      offline.offline = true;
      if (offline.result === 'ADMITTED') {
        admittedHere(scan, registrationId, scan.scannedAt);
      }
      show(offline.result, entry ? entry.name : null, describe(offline.result, offline));
      remember(scan, offline.result, offline, entry ? entry.name : null);
    }
    status();
    flush();
  }

  function headers() {
    var sent = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    sent[main.dataset.csrfHeader] = main.dataset.csrfToken;
    return sent;
  }

  function answered(scan, response, body) {
    var queue = load(keys.queue, []).filter(function (queued) {
      return queued.scanId !== scan.scanId;
    });
    save(keys.queue, queue);
    if (!response.ok) {
      var refused = texts.refused + ' ' + (body.detail || response.status);
      remember(scan, 'UNKNOWN', null, refused);
      if (scan.scanId === state.latest) {
        show('UNKNOWN', null, refused, texts.refused);
      }
      return;
    }
    var result = body.result;
    var entry = body.registrationId ? entryById(body.registrationId) : null;
    var name = body.name || (entry ? entry.name : null);
    if ((result === 'ADMITTED' || result === 'ALREADY_ADMITTED') && body.registrationId) {
      admittedHere(scan, body.registrationId, body.at || scan.scannedAt);
    }
    var label = result === 'UNKNOWN' && body.reason === 'OTHER_EVENT' ? texts.otherEvent
        : result === 'ADMITTED' && body.seatFreed ? texts.seatFreed : null;
    remember(scan, result, body, name);
    if (scan.scanId === state.latest) {
      show(result, name, describe(result, body), label);
    }
  }

  /** Sends the queue, oldest first; stops at the first scan that cannot be sent now. */
  async function flush() {
    if (state.flushing) {
      state.again = true;
      return;
    }
    state.flushing = true;
    var waiting = false;
    try {
      var queue = load(keys.queue, []);
      for (var i = 0; i < queue.length; i++) {
        var scan = queue[i];
        var response;
        try {
          response = await fetch(main.dataset.scanUrl, {method: 'POST', credentials: 'same-origin',
            redirect: 'manual', headers: headers(), body: JSON.stringify(scan)});
        } catch (e) {
          state.online = false;
          break;
        }
        if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
          state.login = true;
          break;
        }
        state.online = true;
        state.login = false;
        if (response.status === 202) {
          waiting = true;
          continue;
        }
        if (response.status === 429 || response.status >= 500) {
          // Not refused, only not now (too many scans from this phone, the broker away): try again later.
          waiting = true;
          break;
        }
        var body = {};
        try {
          body = await response.json();
        } catch (e) {
          body = {};
        }
        answered(scan, response, body);
      }
    } finally {
      state.flushing = false;
      status();
      if (state.again) {
        state.again = false;
        flush();
      } else if (waiting) {
        window.setTimeout(flush, 1000);
      }
    }
  }

  async function sync() {
    try {
      var response = await fetch(main.dataset.listUrl, {credentials: 'same-origin', redirect: 'manual',
        headers: {'Accept': 'application/json'}});
      if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
        state.login = true;
      } else if (response.ok) {
        save(keys.list, await response.json());
        save(keys.synced, new Date().toISOString());
        state.online = true;
        state.login = false;
      }
    } catch (e) {
      state.online = false;
    }
    status();
  }

  function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L')
        .toLowerCase();
  }

  function search() {
    var query = fold(document.getElementById('search').value.trim());
    var matches = document.getElementById('matches');
    matches.textContent = '';
    if (query.length < 2) {
      return;
    }
    var found = load(keys.list, []).filter(function (entry) {
      return fold(entry.name).indexOf(query) >= 0 || fold(entry.shortCode).indexOf(query) >= 0
          || fold(entry.organisation).indexOf(query) >= 0;
    }).slice(0, 10);
    if (found.length === 0) {
      var none = document.createElement('li');
      none.textContent = texts.noMatches;
      matches.appendChild(none);
      return;
    }
    found.forEach(function (entry) {
      var item = document.createElement('li');
      item.dataset.registration = entry.registrationId;
      var who = document.createElement('span');
      who.textContent = entry.name + (entry.organisation ? ' (' + entry.organisation + ')' : '') + ' · '
          + entry.shortCode + (entry.status === 'CANCELLED' ? ' · ' + labels.CANCELLED : '')
          + (entry.status === 'WAITLISTED' ? ' · ' + texts.waitlisted : '');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = texts.check;
      button.addEventListener('click', function () {
        check(entry.code);
      });
      item.appendChild(who);
      item.appendChild(button);
      matches.appendChild(item);
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  /**
   * A function from the video to the text of the QR code in its current frame (or null): the browser's
   * BarcodeDetector where it reads QR codes, else the bundled jsQR, loaded only then (about 250 KB).
   */
  async function qrReader() {
    if ('BarcodeDetector' in window) {
      var formats = await window.BarcodeDetector.getSupportedFormats().catch(function () {
        return [];
      });
      if (formats.indexOf('qr_code') >= 0) {
        var detector = new window.BarcodeDetector({formats: ['qr_code']});
        return async function (video) {
          var codes = await detector.detect(video);
          return codes.length > 0 ? codes[0].rawValue : null;
        };
      }
    }
    await loadScript(main.dataset.decoderUrl);
    var canvas = document.createElement('canvas');
    var context = canvas.getContext('2d', {willReadFrequently: true});
    return function (video) {
      if (!video.videoWidth) {
        return null;
      }
      // At most 800 pixels across: a ticket held up to a phone stays readable, and a frame decodes in tens of ms.
      var scale = Math.min(1, 800 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, {inversionAttempts: 'attemptBoth'});
      return found && found.data ? found.data : null;
    };
  }

  function camera() {
    var start = document.getElementById('camera-start');
    var missing = document.getElementById('camera-missing');
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
      missing.hidden = false;
      return;
    }
    start.hidden = false;
    start.addEventListener('click', async function () {
      var video = document.getElementById('camera');
      var read;
      try {
        read = await qrReader();
        video.srcObject = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
      } catch (e) {
        missing.hidden = false;
        return;
      }
      video.hidden = false;
      start.hidden = true;
      await video.play();
      // A ticket held in view is read every frame: it is checked once, and again only after it was out of view
      // for a while (a second scan of one ticket would answer "already admitted" to the person just admitted).
      var last = {code: null, seen: 0};
      var reading = false;
      window.setInterval(async function () {
        if (reading) {
          return;
        }
        reading = true;
        try {
          var text = await read(video);
          var now = Date.now();
          if (text) {
            var again = text !== last.code || now - last.seen > 5000;
            last = {code: text, seen: now};
            if (again) {
              check(text);
            }
          }
        } catch (e) {
          // a frame that could not be read: the next one will do
        } finally {
          reading = false;
        }
      }, 300);
    });
  }

  document.getElementById('manual').addEventListener('submit', function (submitted) {
    submitted.preventDefault();
    var input = document.getElementById('code');
    check(input.value);
    input.value = '';
    input.focus();
  });
  document.getElementById('search-form').addEventListener('submit', function (submitted) {
    submitted.preventDefault();
    search();
  });
  document.getElementById('search').addEventListener('input', search);
  window.addEventListener('online', function () {
    state.online = true;
    sync();
    flush();
  });
  window.addEventListener('offline', function () {
    state.online = false;
    status();
  });
  window.setInterval(function () {
    if (load(keys.queue, []).length > 0) {
      flush();
    }
  }, 5000);
  window.setInterval(sync, 60000);

  camera();
  status();
  sync().then(flush);
}());

/* Marsad dashboard: map (Leaflet, clustered), weekly timeline (SVG), filters, list. */
'use strict';

(function () {
  var M = Marsad;
  var el = M.el;
  var form = document.getElementById('filters');
  var listNode = document.getElementById('list');
  var countNode = document.getElementById('count');
  var FILTERS = ['since', 'until', 'country', 'type', 'actor', 'q'];
  var features = [];

  var map = L.map('map', { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([27, 38], 4);
  var outlines = null;
  window.marsadMap = map;  /* for the browser tests and the console */
  var clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(clusters);

  function drawOutlines() {
    return M.getJSON('/vendor/world-atlas/countries-50m.json').then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      outlines = L.geoJSON(land, {
        interactive: false,
        renderer: L.canvas({ padding: 0.2 }),  /* thousands of coastline points: canvas, not SVG */
        style: { color: '#9a9a8f', weight: 0.8, fillColor: '#f3f0e6', fillOpacity: 1 }
      }).addTo(map);
      outlines.bringToBack();
    }).catch(function () { /* outlines missing: events still show */ });
  }

  /* An online tile layer, only if one tile loads within 3 s. */
  function maybeTiles(template) {
    if (!template) { return; }
    var probe = new Image();
    var timer = setTimeout(function () { probe.src = ''; }, 3000);
    probe.onload = function () {
      clearTimeout(timer);
      L.tileLayer(template, {
        maxZoom: 18, attribution: '&copy; OpenStreetMap contributors'
      }).addTo(map);
      if (outlines) { outlines.setStyle({ fillOpacity: 0, weight: 0.5 }); }
    };
    probe.src = template.replace('{s}', 'a').replace('{z}', '0').replace('{x}', '0').replace('{y}', '0');
  }

  function radius(fatalities) {
    var f = Math.max(0, Number(fatalities) || 0);
    return 6 + 3 * Math.sqrt(f);
  }

  function popup(f) {
    var p = f.properties;
    var box = el('div', { 'class': 'popup' });
    box.appendChild(el('strong', null, (p.event_type || 'Event') + (p.sub_event_type ? ' — ' + p.sub_event_type : '')));
    box.appendChild(el('div', null, [p.event_date || 'undated', p.location, p.country].filter(Boolean).join(' · ')));
    box.appendChild(el('div', null, 'Fatalities: ' + (p.fatalities == null ? '?' : p.fatalities)));
    var a = el('a', null, 'Open the event and its Arabic sources');
    a.href = M.eventHref(f.id);
    box.appendChild(a);
    return box;
  }

  function drawMarkers() {
    clusters.clearLayers();
    var markers = [];
    features.forEach(function (f) {
      if (!f.geometry) { return; }
      var c = f.geometry.coordinates;
      var color = M.typeColor(f.properties.event_type);
      var m = L.circleMarker([c[1], c[0]], {
        radius: radius(f.properties.fatalities), color: '#222', weight: 1,
        fillColor: color, fillOpacity: 0.8, className: 'event-marker'
      });
      m.bindPopup(popup(f));
      markers.push(m);
    });
    clusters.addLayers(markers);
  }

  function inView(f) {
    if (!f.geometry) { return true; }
    var c = f.geometry.coordinates;
    return map.getBounds().contains(L.latLng(c[1], c[0]));
  }

  function drawList() {
    var shown = features.filter(inView).slice().reverse();  /* newest first, undated last */
    shown = shown.filter(function (f) { return f.properties.event_date; })
      .concat(shown.filter(function (f) { return !f.properties.event_date; }));
    listNode.replaceChildren();
    shown.slice(0, LIST_MAX).forEach(function (f) {
      var p = f.properties;
      var li = el('li', { 'class': 'event-item', 'data-id': f.id });
      var chip = el('span', { 'class': 'chip', title: p.event_type || '' });
      chip.style.background = M.typeColor(p.event_type);
      li.appendChild(chip);
      var a = el('a', { 'class': 'event-link' }, (p.event_type || 'Event') + ' — ' + (p.location || p.country || 'unknown place'));
      a.href = M.eventHref(f.id);
      li.appendChild(a);
      var meta = [p.event_date || 'undated', p.country, 'fatalities ' + (p.fatalities == null ? '?' : p.fatalities),
        (p.n_sources || 1) + ' source' + ((p.n_sources || 1) > 1 ? 's' : '')];
      li.appendChild(el('div', { 'class': 'meta' }, meta.filter(Boolean).join(' · ')));
      if (p.actor1) {
        li.appendChild(el('div', { 'class': 'actors' }, p.actor1 + (p.actor2 ? ' vs. ' + p.actor2 : '')));
      }
      listNode.appendChild(li);
    });
    countNode.textContent = shown.length + ' of ' + features.length + ' events in view' +
      (shown.length > LIST_MAX ? ', the newest ' + LIST_MAX + ' listed' : '') +
      (truncated ? ' (the first ' + features.length + ' by date: narrow the filters for more)' : '');
  }

  function mondayOf(iso) {
    var d = new Date(iso + 'T00:00:00Z');
    var dow = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - dow);
    return d;
  }

  function drawTimeline() {
    var svg = document.getElementById('timeline');
    var NS = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    var counts = {};
    features.forEach(function (f) {
      if (!f.properties.event_date) { return; }
      var k = mondayOf(f.properties.event_date).toISOString().slice(0, 10);
      counts[k] = (counts[k] || 0) + 1;
    });
    var keys = Object.keys(counts).sort();
    var W = 320, H = 110, pad = 18;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    if (!keys.length) { return; }
    var first = mondayOf(keys[0]), last = mondayOf(keys[keys.length - 1]);
    var weeks = Math.round((last - first) / 604800000) + 1;
    var max = Math.max.apply(null, keys.map(function (k) { return counts[k]; }));
    var bw = (W - 2 * pad) / weeks;
    for (var i = 0; i < weeks; i++) {
      var day = new Date(first.getTime() + i * 604800000).toISOString().slice(0, 10);
      var n = counts[day] || 0;
      if (!n) { continue; }
      var h = (H - 2 * pad) * n / max;
      var r = document.createElementNS(NS, 'rect');
      r.setAttribute('x', String(pad + i * bw));
      r.setAttribute('y', String(H - pad - h));
      r.setAttribute('width', String(Math.max(1, bw - 1)));
      r.setAttribute('height', String(h));
      r.setAttribute('class', 'bar');
      r.setAttribute('data-week', day);
      r.addEventListener('click', weekClicked);
      var t = document.createElementNS(NS, 'title');
      t.textContent = 'week of ' + day + ': ' + n + ' events';
      r.appendChild(t);
      svg.appendChild(r);
    }
    [[keys[0], pad, 'start'], [keys[keys.length - 1], W - pad, 'end']].forEach(function (l) {
      var tx = document.createElementNS(NS, 'text');
      tx.setAttribute('x', String(l[1]));
      tx.setAttribute('y', String(H - 4));
      tx.setAttribute('text-anchor', l[2]);
      tx.setAttribute('class', 'axis');
      tx.textContent = l[0];
      svg.appendChild(tx);
    });
    var mx = document.createElementNS(NS, 'text');
    mx.setAttribute('x', String(pad));
    mx.setAttribute('y', '12');
    mx.setAttribute('class', 'axis');
    mx.textContent = 'max ' + max + ' / week';
    svg.appendChild(mx);
  }

  /* A click on a week's bar narrows the dates to that week. */
  function weekClicked(ev) {
    var monday = new Date(ev.currentTarget.getAttribute('data-week') + 'T00:00:00Z');
    var sunday = new Date(monday.getTime() + 6 * 86400000);
    form.elements.since.value = monday.toISOString().slice(0, 10);
    form.elements.until.value = sunday.toISOString().slice(0, 10);
    load(true);
  }

  function drawLegend() {
    var box = document.getElementById('legend');
    box.replaceChildren();
    Object.keys(M.TYPE_COLORS).forEach(function (t) {
      var item = el('span', { 'class': 'legend-item' });
      var dot = el('span', { 'class': 'chip' });
      dot.style.background = M.TYPE_COLORS[t];
      item.appendChild(dot);
      item.appendChild(document.createTextNode(t));
      box.appendChild(item);
    });
    box.appendChild(el('span', { 'class': 'legend-item muted' }, 'circle size: fatalities'));
  }

  function params() {
    var ps = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) { ps.set(name, v); }
    });
    return ps;
  }

  var MAX_FEATURES = 30000;  /* the map and list hold at most this many; narrow the filters */
  var LIST_MAX = 500;  /* list items drawn at once (the count says how many are in view) */
  var truncated = false;
  var generation = 0;

  /* Every matching event, page by page (cursor), up to MAX_FEATURES. */
  function fetchAll(ps) {
    var out = [];
    function next(cursor) {
      var q = new URLSearchParams(ps);
      q.set('limit', '10000');
      if (cursor) { q.set('cursor', cursor); }
      return M.getJSON('/api/events.geojson?' + q.toString()).then(function (fc) {
        out = out.concat(fc.features);
        if (fc.next_cursor && out.length < MAX_FEATURES) { return next(fc.next_cursor); }
        truncated = Boolean(fc.next_cursor);
        return out;
      });
    }
    return next(null);
  }

  function load(fit) {
    var ps = params();
    var mine = ++generation;
    history.replaceState(null, '', ps.toString() ? '?' + ps.toString() : '/');
    try { sessionStorage.setItem('marsad.filters', ps.toString()); } catch (e) { /* private mode */ }
    document.body.removeAttribute('data-ready');
    return fetchAll(ps).then(function (all) {
      if (mine !== generation) { return; }  /* a newer load is under way */
      features = all;
      drawMarkers();
      drawTimeline();
      var located = features.filter(function (f) { return f.geometry; });
      if (fit && located.length) {
        var b = L.latLngBounds(located.map(function (f) {
          return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        }));
        map.fitBounds(b.pad(0.3), { maxZoom: 7, animate: false });
      }
      drawList();
      document.body.setAttribute('data-ready', '1');
      document.body.setAttribute('data-events', String(features.length));
    }).catch(function (e) {
      countNode.textContent = 'Could not load events: ' + e.message;
    });
  }

  function fillSelect(name, rows) {
    var sel = form.elements[name];
    var want = new URLSearchParams(location.search).get(name) || '';
    rows.forEach(function (row) {
      if (row.key === '(unknown)') { return; }
      var o = el('option', null, row.key + ' (' + row.events + ')');
      o.value = row.key;
      sel.appendChild(o);
    });
    sel.value = want;
  }

  function init() {
    drawLegend();
    var initial = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) {
      if (initial.get(name) && form.elements[name].tagName !== 'SELECT') {
        form.elements[name].value = initial.get(name);
      }
    });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); load(true); });
    form.addEventListener('reset', function (ev) {
      ev.preventDefault();
      FILTERS.forEach(function (name) { form.elements[name].value = ''; });
      load(true);
    });
    map.on('moveend', drawList);
    var stats = M.getJSON('/api/stats').then(function (s) {
      fillSelect('country', s.by_country);
      fillSelect('type', s.by_type);
    }).catch(function () { /* filters without choices */ });
    var cfg = M.getJSON('/config.json').catch(function () { return { tiles: null }; });
    Promise.all([drawOutlines(), stats]).then(function () { return load(true); });
    cfg.then(function (c) { maybeTiles(c.tiles); });
  }

  init();
}());

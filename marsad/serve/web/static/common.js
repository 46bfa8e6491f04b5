/* Marsad dashboard: shared helpers. Untrusted text only ever goes in through textContent. */
'use strict';

var Marsad = (function () {
  var TYPE_COLORS = {
    'Battles': '#c0392b',
    'Explosions/Remote violence': '#e67e22',
    'Violence against civilians': '#8e44ad',
    'Protests': '#2980b9',
    'Riots': '#16a085',
    'Strategic developments': '#7f8c8d'
  };
  var FIELD_LABELS = {
    event_type: 'event type', sub_event_type: 'sub-event type', event_date: 'date',
    actor1: 'actor 1', actor2: 'actor 2', assoc_actor_1: 'associated actor 1',
    assoc_actor_2: 'associated actor 2', location: 'location', admin1: 'admin1',
    fatalities: 'fatalities', country: 'country'
  };

  function typeColor(type) {
    return TYPE_COLORS[type] || '#555555';
  }

  /* An element with text (never HTML); attrs are set one by one. */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* A link only for http(s) URLs; anything else (javascript:, data:…) is shown as text. */
  function safeLink(url, text) {
    var ok = false;
    try {
      var u = new URL(String(url));
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch (e) { ok = false; }
    if (!ok) { return el('span', { 'class': 'url' }, text || url); }
    var a = el('a', { rel: 'noopener noreferrer nofollow', target: '_blank', 'class': 'url' }, text || url);
    a.href = String(url);
    return a;
  }

  function eventHref(id) {
    return '/event.html?id=' + encodeURIComponent(id);
  }

  function fieldClass(field) {
    return /^[a-z0-9_]+$/.test(field) ? 'f-' + field : 'f-other';
  }

  function fieldLabel(field) {
    return FIELD_LABELS[field] || String(field).replace(/_/g, ' ');
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  return {
    TYPE_COLORS: TYPE_COLORS, typeColor: typeColor, el: el, safeLink: safeLink,
    eventHref: eventHref, fieldClass: fieldClass, fieldLabel: fieldLabel, getJSON: getJSON
  };
}());

/* Marsad event page: English notes and fields; each source's Arabic article, right to left,
 * with the evidence spans highlighted from their offsets (DOM nodes, never HTML). */
'use strict';

(function () {
  var M = Marsad;
  var el = M.el;
  var main = document.getElementById('event');
  var id = new URLSearchParams(location.search).get('id') || '';

  var FIELDS = [
    ['event_date', 'Date'], ['event_type', 'Event type'], ['sub_event_type', 'Sub-event type'],
    ['actor1', 'Actor 1'], ['assoc_actor_1', 'Associated actor 1'], ['actor2', 'Actor 2'],
    ['assoc_actor_2', 'Associated actor 2'], ['location', 'Location'], ['admin1', 'Admin1'],
    ['country', 'Country'], ['fatalities', 'Fatalities'], ['n_sources', 'Sources']
  ];

  /* Valid spans of `text`, sorted; a span whose offsets do not fit the text is dropped. */
  function usable(spans, text) {
    return spans.filter(function (s) {
      return Number.isInteger(s.start) && Number.isInteger(s.end) &&
        s.start >= 0 && s.end <= text.length && s.start < s.end;
    }).sort(function (a, b) { return a.start - b.start || b.end - a.end; });
  }

  /* The article text as nodes: plain text, and <mark> for each stretch covered by spans;
   * the stretch where a span starts carries its field label (data-label, shown by CSS). */
  function highlighted(text, spans) {
    var frag = document.createDocumentFragment();
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = text.slice(a, b);
      var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var fields = covering.map(function (s) { return s.field; });
      var starting = covering.filter(function (s) { return s.start === a && s.field !== 'sentence'; })
        .map(function (s) { return M.fieldLabel(s.field); });
      var inner = covering.reduce(function (x, y) { return (y.end - y.start) < (x.end - x.start) ? y : x; });
      var mark = el('mark', { 'class': 'ev ' + M.fieldClass(inner.field),
        'data-fields': fields.join(' '), title: fields.map(M.fieldLabel).join(', ') }, piece);
      if (starting.length) { mark.setAttribute('data-label', starting.join(' + ')); }
      frag.appendChild(mark);
    }
    return frag;
  }

  function legend(spans) {
    var box = document.getElementById('field-legend');
    var seen = {};
    spans.forEach(function (s) { seen[s.field] = true; });
    var fields = Object.keys(seen).sort();
    if (!fields.length) { return; }
    box.appendChild(el('span', { 'class': 'muted' }, 'Evidence: '));
    fields.forEach(function (f) {
      box.appendChild(el('mark', { 'class': 'ev ' + M.fieldClass(f) }, M.fieldLabel(f)));
    });
  }

  function sourceSection(src, article, spans) {
    var sec = el('section', { 'class': 'source', 'data-article': src.article_id });
    var head = el('div', { 'class': 'source-head' });
    head.appendChild(el('span', { 'class': 'outlet' }, src.outlet || 'local file'));
    head.appendChild(el('span', { 'class': 'muted' },
      ' · published ' + (src.published || article.published || '?') +
      ' · fatalities reported ' + (src.fatalities == null ? '?' : src.fatalities) + ' · '));
    head.appendChild(M.safeLink(src.url || article.url || '', src.url || article.url || ''));
    sec.appendChild(head);
    if (article.title) {
      sec.appendChild(el('h3', { lang: 'ar', dir: 'rtl', 'class': 'ar title' }, article.title));
    }
    var body = el('div', { lang: 'ar', dir: 'rtl', 'class': 'ar article-text' });
    var text = String(article.text || '');
    body.appendChild(highlighted(text, usable(spans, text)));
    sec.appendChild(body);
    return sec;
  }

  function show(ev) {
    document.title = 'Marsad — ' + (ev.event_type || 'event') + ' — ' + (ev.location || '');
    var title = document.getElementById('title');
    title.textContent = (ev.event_type || 'Event') + (ev.sub_event_type ? ' — ' + ev.sub_event_type : '') +
      ', ' + (ev.location || ev.country || 'unknown place') + ', ' + (ev.event_date || 'undated');
    document.getElementById('notes').textContent = ev.notes || '';
    var dl = document.getElementById('fields');
    FIELDS.forEach(function (f) {
      var v = ev[f[0]];
      if (v === null || v === undefined || v === '') { return; }
      dl.appendChild(el('dt', null, f[1]));
      dl.appendChild(el('dd', null, v));
    });
    legend(ev.evidence || []);
    var box = document.getElementById('sources');
    box.appendChild(el('h2', null, 'Sources (' + (ev.sources || []).length + ')'));
    return Promise.all((ev.sources || []).map(function (src) {
      var slot = el('div', { 'class': 'slot' });
      box.appendChild(slot);
      return M.getJSON('/api/articles/' + encodeURIComponent(src.article_id)).then(function (art) {
        var spans = (ev.evidence || []).filter(function (s) {
          return s.article_id === src.article_id && (!src.mention_id || s.mention_id === src.mention_id);
        });
        slot.replaceWith(sourceSection(src, art, spans));
      }).catch(function (e) { slot.textContent = 'Could not load the article: ' + e.message; });
    }));
  }

  /* "back to the map" keeps the map's filters (a query string this site wrote) */
  try {
    var filters = new URLSearchParams(sessionStorage.getItem('marsad.filters') || '');
    if (filters.toString()) { document.querySelector('a.back').href = '/?' + filters.toString(); }
  } catch (e) { /* no storage: plain link */ }

  M.getJSON('/api/events/' + encodeURIComponent(id)).then(show).catch(function (e) {
    document.getElementById('title').textContent = 'No such event (' + e.message + ')';
  }).then(function () {
    main.setAttribute('aria-busy', 'false');
    document.body.setAttribute('data-ready', '1');
  });
}());

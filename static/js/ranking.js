// A student's ranking (/campaigns/{id}): drag a choice to change its rank, with a mouse (HTML5
// drag and drop) or a finger (pointer events on the grip the script adds). Only the page changes:
// the <li> moves with its hidden `choice` input, the buttons' move=up:i|down:i|remove:i values are
// renumbered so that a later press still means the right row, a polite status says where the
// choice went, and the page says it is not saved. Nothing is written until "Enregistrer mes
// choix" submits the form. Without this script every button submits the form, as before; with it
// the buttons still do (keyboard users move choices with Up and Down).
(function () {
  'use strict';

  function init() {
    var list = document.querySelector('ol.ranking[data-sortable]');
    if (!list) return;
    var items = function () { return Array.prototype.filter.call(list.children, function (el) { return el.tagName === 'LI'; }); };
    if (items().length < 2) return;

    var status = document.querySelector('[data-testid=ranking-status]');
    var hint = document.querySelector('[data-testid=drag-hint]');
    if (hint) hint.hidden = false;
    list.classList.add('sortable');

    var dragged = null;     // the <li> being moved
    var origin = null;      // the sibling it was before when the drag started, to put it back on cancel
    var dropped = false;

    // Renumbers the buttons after a move, hides Up on the first row and Down on the last.
    function renumber() {
      var rows = items();
      rows.forEach(function (li, i) {
        var buttons = li.querySelectorAll('button[name=move]');
        for (var b = 0; b < buttons.length; b++) {
          var verb = buttons[b].value.split(':')[0];
          buttons[b].value = verb + ':' + i;
          if (verb === 'up') buttons[b].hidden = i === 0;
          if (verb === 'down') buttons[b].hidden = i === rows.length - 1;
        }
      });
    }

    function markNotSaved() {
      var text = list.getAttribute('data-not-saved');
      var notice = document.querySelector('[data-testid=campaign-notice]');
      if (!notice) {
        notice = document.createElement('p');
        notice.className = 'notice';
        notice.setAttribute('data-testid', 'campaign-notice');
        var form = list.closest('form');
        form.parentNode.insertBefore(notice, form);
      }
      // The status below the list already says "not saved yet": no second announcement.
      notice.removeAttribute('role');
      notice.textContent = text;
      list.closest('form').setAttribute('data-unsaved', 'true');
    }

    function announce(li) {
      var link = li.querySelector('a');
      var title = link ? link.textContent : li.getAttribute('data-slug');
      var position = items().indexOf(li) + 1;
      if (status) {
        status.textContent = list.getAttribute('data-moved')
          .replace('{title}', title).replace('{position}', String(position));
      }
    }

    function start(li) {
      dragged = li;
      origin = li.nextElementSibling;
      dropped = false;
      li.classList.add('dragging');
    }

    // Moves the dragged row past `target` once the pointer crosses the target's middle, in the
    // direction of the drag: the row under the pointer after the move is then the dragged one,
    // so the list does not flicker between two orders.
    function over(target, y) {
      if (!dragged || !target || target === dragged || target.parentNode !== list) return;
      var box = target.getBoundingClientRect();
      var middle = box.top + box.height / 2;
      var rows = items();
      var before = rows.indexOf(dragged) < rows.indexOf(target);
      if (before && y >= middle) list.insertBefore(dragged, target.nextElementSibling);
      else if (!before && y <= middle) list.insertBefore(dragged, target);
    }

    function finish(keep) {
      if (!dragged) return;
      var li = dragged;
      dragged = null;
      li.classList.remove('dragging');
      if (!keep) {
        list.insertBefore(li, origin && origin.parentNode === list ? origin : null);
        return;
      }
      if (li.nextElementSibling === origin) return;   // back where it was
      renumber();
      announce(li);
      markNotSaved();
    }

    // Mouse: HTML5 drag and drop on the whole row.
    items().forEach(function (li) {
      li.draggable = true;
      var link = li.querySelector('a');
      if (link) link.draggable = false;   // drag the row, not the link's address
    });
    list.addEventListener('dragstart', function (e) {
      if (dragged) { e.preventDefault(); return; }   // a finger is already moving a row
      var li = e.target.closest && e.target.closest('ol.ranking > li');
      if (!li || li.parentNode !== list) return;
      start(li);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', li.getAttribute('data-slug') || '');
    });
    list.addEventListener('dragover', function (e) {
      if (!dragged) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      over(e.target.closest && e.target.closest('ol.ranking > li'), e.clientY);
    });
    list.addEventListener('dragenter', function (e) { if (dragged) e.preventDefault(); });
    list.addEventListener('drop', function (e) {
      if (!dragged) return;
      e.preventDefault();
      over(e.target.closest && e.target.closest('ol.ranking > li'), e.clientY);
      dropped = true;
    });
    list.addEventListener('dragend', function () { finish(dropped); });

    // Touch and pen: pointer events on a grip (touch-action: none there only, so the page still
    // scrolls everywhere else). A mouse uses the drag and drop above.
    items().forEach(function (li) {
      var grip = document.createElement('span');
      grip.className = 'drag-grip';
      grip.setAttribute('aria-hidden', 'true');
      grip.textContent = '⠿';
      li.insertBefore(grip, li.firstChild);
    });
    list.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'mouse' || !e.target.closest || !e.target.closest('.drag-grip')) return;
      var li = e.target.closest('ol.ranking > li');
      if (!li) return;
      e.preventDefault();
      start(li);
      list.setPointerCapture(e.pointerId);
    });
    list.addEventListener('pointermove', function (e) {
      if (!dragged || e.pointerType === 'mouse') return;
      var under = document.elementFromPoint(e.clientX, e.clientY);
      over(under && under.closest && under.closest('ol.ranking > li'), e.clientY);
    });
    list.addEventListener('pointerup', function (e) { if (e.pointerType !== 'mouse') finish(true); });
    list.addEventListener('pointercancel', function (e) { if (e.pointerType !== 'mouse') finish(false); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

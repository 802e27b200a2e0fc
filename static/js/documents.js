// The team's documents (templates/_team_documents.mustache): drag and drop onto a form's file
// field, and an upload in chunks through the API with a progress bar, so that a large file is
// never one request (the server's body limit) nor held whole in the server's memory. Without
// JavaScript the same forms post the file whole (a smaller limit). Errors come back in the page's
// language from the messages the page carries (data-* of .upload-messages).
(function () {
  'use strict';
  var messages = document.querySelector('.upload-messages');
  if (!messages || !window.fetch || !window.FileReader) return;
  var maxBytes = Number(messages.dataset.maxBytes);

  function csrfOf(form) { return form.querySelector('input[name="csrf"]').value; }

  function api(form, method, path, body) {
    return fetch(path, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfOf(form), 'Accept': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!response.ok) {
          var error = new Error((data && data.error && data.error.message) || response.statusText);
          error.code = data && data.error && data.error.code;
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  // The bytes of a slice as base64 (the API takes JSON).
  function base64Of(blob) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { var url = reader.result; resolve(url.slice(url.indexOf(',') + 1)); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(blob);
    });
  }

  function say(form, text, failed) {
    var status = form.querySelector('.upload-status');
    status.textContent = text;
    status.classList.toggle('field-error', !!failed);
  }

  function progress(form, sent, total) {
    var bar = form.querySelector('.upload-progress');
    bar.hidden = false;
    bar.max = total;
    bar.value = sent;
    bar.dataset.moved = String(Number(bar.dataset.moved || 0) + 1);
    say(form, messages.dataset.sending.replace('{percent}', String(Math.floor((sent * 100) / total))));
  }

  function upload(form, file) {
    var base = form.dataset.api;
    var documentId = form.dataset.document ? Number(form.dataset.document) : null;
    var kind = form.querySelector('[name="kind"]');
    var title = form.querySelector('[name="title"]');
    var opened = {
      filename: file.name, size: file.size,
      kind: kind ? kind.value : '', title: title ? title.value : ''
    };
    if (documentId) opened.document_id = documentId;
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    var session = null;
    progress(form, 0, file.size);
    return api(form, 'POST', base + '/uploads', opened).then(function (answer) {
      session = answer.upload;
      var index = 0;
      function next() {
        if (index >= session.chunk_count) return api(form, 'POST', session.finish_url, {});
        var start = index * session.chunk_bytes;
        var slice = file.slice(start, Math.min(file.size, start + session.chunk_bytes));
        return base64Of(slice).then(function (data) {
          return api(form, 'PUT', session.chunks_url + index, { data: data });
        }).then(function (sent) {
          index = sent.next_index;
          progress(form, sent.received_bytes, file.size);
          return next();
        });
      }
      return next();
    }).then(function () {
      say(form, messages.dataset.done);
      form.dataset.uploaded = 'true';
      var target = window.location.pathname + '?uploaded=1#documents';
      window.location.assign(target);
      if (window.location.search.indexOf('uploaded=1') !== -1) window.location.reload();
    }).catch(function (error) {
      // Nothing half-stored: the upload is cancelled (the job would delete it anyway).
      if (session) api(form, 'DELETE', session.url).catch(function () {});
      say(form, error.message && error.code ? messages.dataset.failed + ' (' + error.message + ')' : messages.dataset.failed, true);
      button.disabled = false;
      button.removeAttribute('aria-busy');
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.document-upload'), function (form) {
    var input = form.querySelector('input[type="file"]');
    var zone = form.querySelector('.drop-zone');
    var hint = form.querySelector('.drop-hint');
    if (hint) hint.hidden = false;
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('dragging'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        say(form, input.files[0].name);
      }
    });
    form.addEventListener('submit', function (event) {
      var file = input.files && input.files[0];
      if (!file) return;  // the browser says the field is required
      event.preventDefault();
      if (file.size > maxBytes) { say(form, messages.dataset.tooLarge, true); return; }
      if (input.accept && input.accept.split(',').indexOf(file.name.slice(file.name.lastIndexOf('.')).toLowerCase()) === -1) {
        say(form, messages.dataset.type, true);
        return;
      }
      upload(form, file);
    });
  });
})();

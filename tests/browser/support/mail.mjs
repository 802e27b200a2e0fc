// The mails the server sends, as a real SMTP server receives them: scripts/smtp-sink.py on a free
// port writes each message to a temporary folder; the helpers below read them back
// (multipart/alternative, quoted-printable parts, RFC 2047 headers) and wait for one to arrive,
// since the server's mail thread delivers its outbox asynchronously.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from './latitudes-server.mjs';

// scripts/smtp-sink.py on a free port, writing into a temporary folder; resolves once it prints
// "ready". Needs Debian's python3-aiosmtpd.
export async function startSmtpSink() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latitudes-smtp-sink-'));
  const proc = spawn('/usr/bin/python3', [path.resolve('scripts/smtp-sink.py'), String(port), dir],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMTP sink not ready after 15 s:\n${output}`)), 15_000);
    proc.stdout.on('data', (d) => {
      output += d;
      if (output.includes('ready')) { clearTimeout(timer); resolve(); }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`SMTP sink exited early (${code ?? signal}):\n${output}`));
    });
  });
  return {
    port,
    dir,
    url: `smtp://127.0.0.1:${port}`,
    output: () => output,
    stop: () => stopProcess(proc, exited, dir, 10_000),
  };
}

export function splitHeaders(raw) {
  const end = raw.indexOf('\r\n\r\n');
  assert.ok(end > 0, 'message without a blank line after the headers');
  const headers = {};
  // Unfold (CRLF followed by white space), then one header per line.
  for (const line of raw.slice(0, end).replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(end + 4) };
}

// RFC 2047: encoded-words, the white space between two adjacent ones being ignored.
export function decodeHeader(value) {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc, text) => (enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' '))));
}

export function decodeQuotedPrintable(text) {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < unfolded.length; i++) {
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// {headers (raw, lower-case names), parts: {'text/plain': ..., 'text/html': ...} decoded}.
export function parseMail(raw) {
  const { headers, body } = splitHeaders(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
  assert.ok(boundary, `multipart message expected, Content-Type: ${headers['content-type']}`);
  const parts = {};
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = splitHeaders(chunk.replace(/^\r\n/, ''));
    const type = (part.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    const qp = /quoted-printable/i.test(part.headers['content-transfer-encoding'] || '');
    parts[type] = qp ? decodeQuotedPrintable(part.body) : part.body;
  }
  return { headers, parts };
}

// Waits up to `timeoutMs` for a message in the sink's folder addressed to `to` whose decoded
// Subject starts with `subject` (any subject when omitted). Resolves to
// {name, raw, headers, parts, subject}; `serverOutput` (a function) goes into the timeout error.
export async function waitForMail(sink, { to, subject = '', timeoutMs = 20_000, serverOutput = () => '' }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const name of fs.readdirSync(sink.dir).filter((n) => n.endsWith('.eml')).sort()) {
      const raw = fs.readFileSync(path.join(sink.dir, name), 'utf8');
      const { headers } = splitHeaders(raw);
      const decodedSubject = decodeHeader(headers.subject || '');
      if ((headers.to || '').includes(to) && decodedSubject.startsWith(subject))
        return { name, raw, subject: decodedSubject, ...parseMail(raw) };
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${to} with subject "${subject}…" after ${timeoutMs / 1000} s; ` +
                      `folder: ${fs.readdirSync(sink.dir).join(', ')}\nserver output:\n${serverOutput()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The first link in `text` to `baseUrl` + `pathname` with a query string (up to white space or
// markup), e.g. linkIn(text, baseUrl, '/confirm') -> 'http://127.0.0.1:PORT/confirm?token=...'.
export function linkIn(text, baseUrl, pathname) {
  const escaped = `${baseUrl}${pathname}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}\\?[^\\s<>"]+`).exec(text)?.[0];
}

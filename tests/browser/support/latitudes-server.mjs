// Starts the real `latitudes` binary for the Node tests: a temporary SQLite database with the demo
// data, a server on a free loopback port, and a stop() that sends SIGTERM like a service manager.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const binary = process.env.LATITUDES_BINARY || path.resolve('build/latitudes');

// A TCP port free on the loopback interface right now (the kernel's pick).
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// options.env: extra environment variables for the server (added to the test's own environment).
// Sends SIGTERM (SIGKILL after `graceMs`), waits for `exited`, removes `dir`; returns {code, signal}.
export async function stopProcess(proc, exited, dir, graceMs) {
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  const result = await exited;
  clearTimeout(timer);
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

// options.args: extra `serve` arguments (e.g. ['--dev']).
export async function startDemoServer(name, { env = {}, args = [] } = {}) {
  assert.ok(fs.existsSync(binary), `binary not found: ${binary}`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `latitudes-${name}-`));
  const database = `sqlite:${path.join(tmpDir, `${name}.db`)}`;
  // The same environment as the server's: a LATITUDES_FILE_KEY seeds the demo documents too.
  const seed = spawnSync(binary, ['seed', '--demo', '--database', database],
                         { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  assert.equal(seed.status, 0, `seed failed (${seed.status} ${seed.signal}):\n${seed.stdout}\n${seed.stderr}`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', String(port), '--database', database,
                                '--access-log', 'off', ...args],
                       { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  server.stdout.on('data', (d) => { output += d; });
  server.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));

  const deadline = Date.now() + 30_000;
  let lastError = 'no attempt';
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`server exited early (${server.exitCode ?? server.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.message;
    }
    if (Date.now() > deadline) throw new Error(`server not healthy after 30 s (${lastError}):\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    baseUrl,
    database,
    output: () => output,
    // SIGTERM, then the way the process ended ({code, signal}); the temporary folder is removed.
    stop: () => stopProcess(server, exited, tmpDir, 15_000),
  };
}

// For a test file's after(): stops `server` (SIGTERM), then each of `others` (anything with a
// stop(), e.g. the SMTP sink), and asserts that the server ended by itself with code 0. Either
// may be undefined when before() failed half-way.
export async function stopCleanly(server, ...others) {
  const result = server ? await server.stop() : undefined;
  for (const other of others) if (other) await other.stop();
  if (result) {
    assert.equal(result.signal, null, `server killed by ${result.signal}:\n${server.output()}`);
    assert.equal(result.code, 0, `server exit code ${result.code} after SIGTERM:\n${server.output()}`);
  }
}

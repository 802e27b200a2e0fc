#!/usr/bin/env python3
"""Documents benchmark (issue 13): upload and download throughput of one file through the API's
chunked upload and the streamed download, and the server's peak RSS (VmHWM), which must not grow
with the file's size. One fresh server per size (10 MB, then 100 MB) on a demo database, so that
each peak is that size's alone.

Usage: scripts/bench-documents.py build/latitudes OUT_DIR [SIZES_MB...]   (default sizes: 10 100)
"""
import base64, hashlib, http.client, json, os, re, socket, sqlite3, subprocess, sys, time

binary, out = sys.argv[1], sys.argv[2]
sizes = [int(s) for s in sys.argv[3:]] or [10, 100]
os.makedirs(out, exist_ok=True)
key = os.urandom(32).hex()
env = dict(os.environ, LATITUDES_FILE_KEY=key)


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(field + r":\s+(\d+)", f.read()).group(1))


def run(size_mb):
    db = os.path.join(out, f"documents-{size_mb}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix): os.remove(db + suffix)
    subprocess.run([binary, "seed", "--demo", "--database", "sqlite:" + db], env=env, check=True, capture_output=True)
    team = sqlite3.connect(db).execute("SELECT MIN(team_id) FROM documents").fetchone()[0]
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", "sqlite:" + db, "--access-log", "off",
                               "--workers", "4"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/healthz")
                if c.getresponse().status == 200: break
            except OSError: time.sleep(0.1)
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", "/login"); r = conn.getresponse(); r.read()
        csrf = re.search(r"csrf=([^;]+)", r.getheader("Set-Cookie")).group(1)
        body = f"email=etudiante%40demo.latitudes.org&password=latitudes+demo+2027&csrf={csrf}"
        conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrf={csrf}"})
        r = conn.getresponse(); r.read()
        sid = re.search(r"sid=([^;]+)", r.getheader("Set-Cookie")).group(1)
        conn.request("GET", "/me", headers={"Cookie": f"sid={sid}"}); page = conn.getresponse().read().decode()
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        headers = {"Cookie": f"sid={sid}", "X-CSRF-Token": token, "Content-Type": "application/json"}
        idle_rss = rss_kb(server.pid, "VmRSS")

        def call(method, path, payload=None):
            conn.request(method, path, json.dumps(payload) if payload is not None else None, headers)
            r = conn.getresponse(); data = r.read()
            if r.status >= 300: raise SystemExit(f"{method} {path}: {r.status} {data[:200]}")
            return json.loads(data) if data else None

        size = size_mb * 1000 * 1000
        digest = hashlib.sha256()
        api = f"/api/v1/teams/{team}/documents"
        started = time.monotonic()
        up = call("POST", api + "/uploads", {"kind": "other", "title": f"Bench {size_mb} MB", "filename": "bench.pdf", "size": size})["upload"]
        step = up["chunk_bytes"]
        for i in range(up["chunk_count"]):
            start = i * step
            length = min(step, size - start)
            piece = b"%PDF-1.7\n" + os.urandom(length - 9) if i == 0 else os.urandom(length)
            digest.update(piece)
            call("PUT", up["chunks_url"] + str(i), {"data": base64.b64encode(piece).decode()})
        done = call("POST", up["finish_url"], {})
        upload_s = time.monotonic() - started
        url = done["document"]["versions"][0]["download_url"]
        started = time.monotonic()
        conn.request("GET", url, headers={"Cookie": f"sid={sid}"})
        r = conn.getresponse(); got = hashlib.sha256(); n = 0
        while True:
            data = r.read(1 << 16)
            if not data: break
            got.update(data); n += len(data)
        download_s = time.monotonic() - started
        assert r.status == 200 and n == size and got.digest() == digest.digest(), "the download is the file uploaded"
        peak = rss_kb(server.pid, "VmHWM")
        return {"size_mb": size_mb, "upload_mb_s": round(size / 1e6 / upload_s, 1), "download_mb_s": round(size / 1e6 / download_s, 1),
                "idle_rss_mb": round(idle_rss / 1024, 1), "peak_rss_mb": round(peak / 1024, 1)}
    finally:
        server.terminate(); server.wait()


print(f"{'size':>6} {'upload MB/s':>12} {'download MB/s':>14} {'RSS idle':>10} {'RSS peak':>10}")
for size_mb in sizes:
    r = run(size_mb)
    print(f"{r['size_mb']:>4}MB {r['upload_mb_s']:>12} {r['download_mb_s']:>14} {r['idle_rss_mb']:>8}MB {r['peak_rss_mb']:>8}MB", flush=True)

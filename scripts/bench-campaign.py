#!/usr/bin/env python3
"""A campaign at the issue's scale against a running server (make bench-campaign): 2,000 students
ranking 5 of 150 projects. Times the CSV import of 2,000 rows (preview, then commit), one run of
each algorithm, the campaign read with its runs, and the publication (teams and ~2,000 mails
queued). Accounts and rankings are written straight into the SQLite file (only what is timed goes
through HTTP). Usage: scripts/bench-campaign.py BINARY WORKDIR"""
import http.cookiejar, json, random, re, sqlite3, subprocess, sys, time, urllib.request, urllib.parse

binary, work = sys.argv[1], sys.argv[2]
db_path = f"{work}/bench.db"
db, base, password = f"sqlite:{db_path}", "http://127.0.0.1:8097", "un mot de passe solide pour le banc"
subprocess.run([binary, "seed", "--synthetic", "1500", "--seed", "1", "--database", db], check=True, capture_output=True)
subprocess.run([binary, "user", "create", "--email", "coord@bench.example", "--name", "Coord", "--role", "coordinator",
                "--database", db], input=password + "\n", text=True, check=True, capture_output=True)
con = sqlite3.connect(db_path)
school = con.execute("SELECT id, slug FROM organisations WHERE kind = 'school' ORDER BY id LIMIT 1").fetchone()
semester = con.execute("SELECT code FROM semesters ORDER BY id DESC LIMIT 1").fetchone()[0]
coord = con.execute("SELECT id FROM people WHERE email = 'coord@bench.example'").fetchone()[0]
hash_ = con.execute("SELECT password_hash FROM accounts WHERE person_id = ?", (coord,)).fetchone()[0]
con.execute("INSERT INTO memberships (person_id, organisation_id, role, created_at) VALUES (?, ?, 'admin', '2026-01-01T00:00:00Z')",
            (coord, school[0]))
for i in range(2000):
    pid = con.execute("INSERT INTO people (email, display_name, kind) VALUES (?, ?, 'student')",
                      (f"etu{i}@bench.example", f"Étudiant {i}")).lastrowid
    con.execute("INSERT INTO accounts (person_id, password_hash, email_confirmed_at, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z', "
                "'2026-01-01T00:00:00Z')", (pid, hash_))
con.commit()
projects = [r[0] for r in con.execute("SELECT slug FROM projects WHERE status = 'published' AND format = 'student_project' "
                                      "ORDER BY id LIMIT 150")]
server = subprocess.Popen([binary, "serve", "--database", db, "--port", "8097", "--access-log", "off"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz"); break
        except Exception:
            time.sleep(0.1)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/login")
    csrf = [c.value for c in jar if c.name == "csrf"][0]
    opener.open(base + "/login", urllib.parse.urlencode({"email": "coord@bench.example", "password": password, "csrf": csrf}).encode())
    token = re.search(r'name="csrf" value="([^"]+)"', opener.open(base + "/me").read().decode()).group(1)

    def call(method, path, body, ctype="application/json"):
        request = urllib.request.Request(base + path, data=body.encode() if body is not None else None, method=method,
                                         headers={"Content-Type": ctype, "X-CSRF-Token": token})
        started = time.perf_counter()
        answer = opener.open(request).read()
        return (time.perf_counter() - started) * 1000, json.loads(answer or b"{}")

    figures = {}
    _, cohort = call("POST", "/api/v1/cohorts", json.dumps({"school": school[1], "semester": semester, "course": "Banc"}))
    csv = "Prénom;Nom;E-mail;Groupe\r\n" + "".join(f"É{i};N{i};etu{i}@bench.example;TD{i % 10}\r\n" for i in range(2000))
    figures["import preview, 2,000 rows"], preview = call("POST", f"/api/v1/cohorts/{cohort['id']}/students?dry_run=1", csv, "text/csv")
    figures["import commit, 2,000 rows (2,000 mails)"], done = call("POST", f"/api/v1/cohorts/{cohort['id']}/students", csv, "text/csv")
    assert done["joined"] == 2000, done
    _, campaign = call("POST", "/api/v1/campaigns", json.dumps({
        "school": school[1], "title": "Banc", "opens_at": "2026-01-01T00:00", "closes_at": "2030-01-01T00:00",
        "choices": 5, "min_choices": 5, "cohorts": [cohort["id"]],
        "projects": [{"slug": s, "team_min": 3, "team_max": 15} for s in projects]}))
    cid = campaign["id"]
    ids = dict(con.execute("SELECT slug, id FROM projects"))
    rng = random.Random(7)
    popular = projects[:30]
    for person, in con.execute("SELECT person_id FROM cohort_students WHERE cohort_id = ?", (cohort["id"],)).fetchall():
        picks = rng.sample(popular, 3) + rng.sample([p for p in projects if p not in popular], 2)
        for position, slug in enumerate(picks, 1):
            con.execute("INSERT INTO rankings VALUES (?, ?, ?, ?, '2026-06-01T00:00:00Z')", (cid, person, position, ids[slug]))
    con.execute("UPDATE campaigns SET closes_at = '2026-06-02T00:00:00Z' WHERE id = ?", (cid,))
    con.commit()
    figures["run stable"], stable = call("POST", f"/api/v1/campaigns/{cid}/runs", json.dumps({"algorithm": "stable", "seed": 1}))
    figures["run welfare (min sizes)"], _ = call("POST", f"/api/v1/campaigns/{cid}/runs",
                                               json.dumps({"algorithm": "welfare", "respect_min_size": True, "seed": 1}))
    figures["campaign with both runs (GET)"], _ = call("GET", f"/api/v1/campaigns/{cid}", None)
    # The coordinator's allocation page: both runs side by side and the first 25 students, the
    # last page, a search, and a move answered by htmx with the row only.
    def page(method, path, form=None, headers=None):
        data = urllib.parse.urlencode({**(form or {}), "csrf": token}).encode() if form is not None else None
        request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
        started = time.perf_counter()
        answer = opener.open(request).read().decode()
        return (time.perf_counter() - started) * 1000, answer

    figures["page: run both algorithms (POST, 303)"], _ = page("POST", f"/campaigns/{cid}/runs", {"algorithm": "both"})
    figures["page: allocation, both runs, first 25"], body = page("GET", f"/campaigns/{cid}/allocation")
    assert "compare-run" in body and body.count('<tr id="student-') == 25, "the page shows both runs and 25 students"
    figures["page: allocation, page 80"], _ = page("GET", f"/campaigns/{cid}/allocation?run={stable['id']}&page=80")
    figures["page: allocation, search one e-mail"], _ = page("GET", f"/campaigns/{cid}/allocation?run={stable['id']}&q=etu1999")
    mover = con.execute("SELECT person_id FROM allocation_assignments WHERE run_id = ? AND rank = 2 LIMIT 1",
                        (stable["id"],)).fetchone()[0]
    figures["page: move one student (htmx row)"], row = page("POST", f"/campaigns/{cid}/runs/{stable['id']}/moves",
                                                         {"person": mover, "project": ""}, {"HX-Request": "true"})
    assert row.startswith('<tr id="student-'), row[:200]
    figures["publish (teams, ~2,000 mails)"], published = call("POST", f"/api/v1/campaigns/{cid}/runs/{stable['id']}/publish", None)
    print(json.dumps({"stable_stats": stable["stats"], "published": published}))
    for name, ms in figures.items():
        print(f"{name:45} {ms:8.0f} ms")
finally:
    server.terminate()
    server.wait()

#!/usr/bin/env python3
"""Planted faults (`make mutants`): each small fault below is applied, one at a time, to a copy
of the tree in build/mutants/; the copy is rebuilt (incrementally: only what the fault touches)
and the suites that should notice are run on SQLite. A fault that every suite survives is a
missing test. Prints one line per fault and exits 1 when any survived.

Not part of `make test`: it rebuilds once per fault (about a minute each on 2 cores after the
first, cold build of the copy). Usage: scripts/mutants.py [--only ID,ID] [--list]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "build", "mutants")
TREE = os.path.join(WORK, "tree")
BUILD = os.path.join(WORK, "build")

# Suites: the test binary under BUILD and what it needs built first.
SUITES = {
    "unit": ("tests/unit_tests", ["unit_tests"]),
    "alloc": ("tests/alloc/alloc_tests", ["alloc_tests"]),
    "store": ("tests/store_tests", ["store_tests"]),
    "service": ("tests/service_tests", ["service_tests"]),
    "http": ("tests/http_tests", ["latitudes", "http_tests"]),
    "jobs": ("tests/jobs_tests", ["jobs_tests"]),
}

# (id, file, original text (must occur exactly once), faulty text, suites expected to notice)
MUTANTS = [
    # The five faults of the "tests that fail" issue.
    ("workflow-member-is-admin", "src/domain/workflow.cpp",
     "if (movers.admin && who.role_in_beneficiary == MemberRole::admin) return true;",
     "if (movers.admin && who.role_in_beneficiary != MemberRole::none) return true;", ["unit"]),
    ("policy-unverified-may-submit", "src/domain/policy.cpp",
     "return organisation->verified ? allow() : deny(reason::organisation_not_verified);",
     "return allow();", ["unit", "http"]),
    ("route-audit-log-for-everyone", "src/web/handlers/routes.cpp",
     'router.add("GET", "/admin/audit", admin_audit, Action::staff_read_audit_log);',
     'router.add("GET", "/admin/audit", admin_audit, Action::view_own_space);', ["unit", "http"]),
    ("leet-not-undone", "src/domain/credentials.cpp",
     "case '@': case '4': c = 'a'; break;\n            case '3': c = 'e'; break;\n"
     "            case '1': case '!': c = 'i'; break;\n            case '0': c = 'o'; break;\n"
     "            case '$': case '5': c = 's'; break;\n            case '7': c = 't'; break;\n",
     "", ["unit"]),
    ("fixed-team-size-refused", "src/domain/framing.cpp",
     "if (min == 0 || max == 0 || min > max) return {0, 0};",
     "if (min == 0 || max == 0 || min >= max) return {0, 0};", ["unit"]),
    # Domain.
    ("staff-act-as-organisation-admin", "src/domain/policy.cpp",
     "if (membership != MemberRole::admin) return deny(reason::organisation_admin_only);",
     "if (membership != MemberRole::admin && !staff) return deny(reason::organisation_admin_only);", ["unit"]),
    ("session-never-expires", "src/domain/credentials.cpp",
     "return is_expired(last_seen, now, session_idle) || is_expired(created, now, session_absolute);",
     "return false;", ["unit"]),
    ("full-opportunity-takes-applications", "src/domain/opportunity.cpp",
     "if (c.accepted >= c.capacity) return apply_refusal::full;",
     "if (c.accepted > c.capacity) return apply_refusal::full;", ["unit", "http"]),
    ("nul-accepted", "src/domain/text.cpp",
     "if (c < 0x20 || c == 0x7f) return true;",
     "if ((c < 0x20 && c != 0) || c == 0x7f) return true;", ["unit", "http"]),
    ("line-break-in-single-line-field", "src/domain/text.cpp",
     "            if (!multi_line) return true;\n",
     "", ["unit", "http"]),
    ("need-summary-limit-off-by-one", "src/domain/framing.cpp",
     "if (characters(need.summary) > 300 ||",
     "if (characters(need.summary) >= 300 ||", ["unit"]),
    # Allocation engine.
    ("stable-keeps-the-worse-student", "src/alloc/stable.cpp",
     "if (proj_pos[e] <= pthr[p] && (l == none || sup_pos[e] <= lthr[l])) break;",
     "if (proj_pos[e] <= pthr[p] + 1 && (l == none || sup_pos[e] <= lthr[l])) break;", ["alloc"]),
    ("welfare-ignores-rank", "src/alloc/welfare.cpp",
     "relax_b(u, d - rank + h_[u] - hv);",
     "relax_b(u, d - 1 + h_[u] - hv);", ["alloc"]),
    # Store.
    ("expired-link-still-works", "src/store/accounts.cpp",
     'WHERE digest = :digest "\n                                 "AND purpose = :purpose AND used_at IS NULL AND expires_at > :at")',
     'WHERE digest = :digest "\n                                 "AND purpose = :purpose AND used_at IS NULL")', ["store", "http"]),
    ("writer-begins-deferred", "src/store/database.cpp",
     'session_ << "BEGIN IMMEDIATE";',
     'session_ << "BEGIN";', ["store", "http"]),
    ("need-limit-not-counted", "src/store/needs.cpp",
     '"SELECT COUNT(*), MIN(created_at) FROM needs WHERE created_by = :author AND created_at > :since"',
     '"SELECT 0, MIN(created_at) FROM needs WHERE created_by = :author AND created_at > :since"', ["http"]),
    ("campaign-reminder-to-rankers", "src/store/campaign_mails.cpp",
     '(unranked_only ? "AND NOT EXISTS',
     '(false ? "AND NOT EXISTS', ["jobs"]),
    ("campaign-open-mail-unguarded", "src/store/campaign_mails.cpp",
     '"UPDATE campaigns SET opened_mail_at = :at WHERE id = :id AND opened_mail_at IS NULL"',
     '"UPDATE campaigns SET opened_mail_at = :at WHERE id = :id"', ["jobs"]),
    # Web.
    ("csrf-not-checked", "src/web/site.cpp",
     "} else if (request.is_unsafe() && !csrf_ok(request)) {",
     "} else if (false && request.is_unsafe() && !csrf_ok(request)) {", ["http"]),
    ("control-characters-not-refused", "src/web/site.cpp",
     "} else if (auto field = field_with_control_character(request)) {",
     "} else if (auto field = std::optional<std::string>()) {", ["http"]),
    ("route-verify-for-everyone", "src/web/handlers/routes.cpp",
     'router.add("POST", "/orgs/{slug}/verify", organisation_verify, Action::staff_verify_organisation);',
     'router.add("POST", "/orgs/{slug}/verify", organisation_verify, Action::view_own_space);', ["unit", "http"]),
    ("sign-up-never-committed", "src/service/accounts.cpp",
     "        mail::Outbox::enqueue(context.session, mail, input.lang, \"confirm_email\", context.now);\n    }\n    tx.commit();\n",
     "        mail::Outbox::enqueue(context.session, mail, input.lang, \"confirm_email\", context.now);\n    }\n", ["service", "http"]),
    ("password-change-keeps-other-sessions", "src/service/passwords.cpp",
     "    store::SessionStore(session).revoke_all(person_id, context.now, keep_session);\n",
     "", ["service", "http"]),
    ("invitation-accepted-by-any-address", "src/service/organisations.cpp",
     "if (email != outcome.invitation->grant.email) {",
     "if (false) {", ["http"]),
    ("login-throttle-per-pair-lifted", "src/service/sessions.hpp",
     "inline constexpr int max_failures_per_account_and_address = 5;",
     "inline constexpr int max_failures_per_account_and_address = 50;", ["service", "http"]),
    ("ids-of-any-length", "src/web/http.cpp",
     "if (text.empty() || text.size() > std::min<std::size_t>(max_digits, 18) ||",
     "if (text.empty() ||", ["unit"]),
    ("no-content-security-policy", "src/web/site.cpp",
     '{"Content-Security-Policy",',
     '{"X-Content-Security-Policy",', ["http"]),
    # Semesters (the staff pages).
    ("semester-may-end-the-day-it-starts", "src/domain/semester.cpp",
     "input.ends_on <= input.starts_on", "input.ends_on < input.starts_on", ["unit"]),
    ("route-semester-partners-for-everyone", "src/web/handlers/routes.cpp",
     'router.add("POST", "/admin/semesters/{id}/partners", admin_semester_partners, Action::staff_set_semester_partners);',
     'router.add("POST", "/admin/semesters/{id}/partners", admin_semester_partners, Action::view_own_space);', ["unit"]),
]


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def prepare_tree():
    """A copy of the tracked files (as they are in the work tree now) and a configured build."""
    files = run(["git", "-C", ROOT, "ls-files", "-z"]).stdout.split("\0")
    os.makedirs(TREE, exist_ok=True)
    for name in filter(None, files):
        src, dst = os.path.join(ROOT, name), os.path.join(TREE, name)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        # Copy only what changed, so that the build stays incremental between runs.
        if not os.path.exists(dst) or open(src, "rb").read() != open(dst, "rb").read():
            shutil.copyfile(src, dst)   # a new modification time, so that the copy rebuilds it
            shutil.copymode(src, dst)
    # Files the tree no longer has (moved or deleted since the last run) leave the copy too.
    tracked = {os.path.normpath(n) for n in files if n}
    for folder, _, names in os.walk(TREE):
        if "node_modules" in folder.split(os.sep):
            continue
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), TREE)
            if rel not in tracked:
                os.remove(os.path.join(folder, name))
    modules = os.path.join(TREE, "node_modules")
    if not os.path.exists(modules) and os.path.isdir(os.path.join(ROOT, "node_modules")):
        os.symlink(os.path.join(ROOT, "node_modules"), modules)
    if not os.path.exists(os.path.join(BUILD, "CMakeCache.txt")):
        r = run(["cmake", "-S", TREE, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DLATITUDES_BUILD_BENCH=OFF"])
        if r.returncode != 0:
            sys.exit("mutants: cmake failed\n" + r.stdout[-3000:])


def build(targets):
    return run(["cmake", "--build", BUILD, "-j", str(os.cpu_count() or 2), "--target", *targets])


def suite_fails(name):
    binary, _ = SUITES[name]
    env = dict(os.environ, LATITUDES_TEST_ENGINE="sqlite")
    r = run([os.path.join(BUILD, binary), "--gtest_brief=1"], cwd=os.path.join(BUILD, "tests"), env=env, timeout=900)
    return r.returncode != 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated ids")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--check", action="store_true",
                        help="only check that each fault's text is found exactly once (a CTest test: code that moves "
                             "must take its fault along)")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or m[0] in args.only.split(",")]
    if args.check:
        def found(path, text):
            full = os.path.join(ROOT, path)
            return open(full, encoding="utf-8").read().count(text) if os.path.exists(full) else 0
        stale = [(m[0], m[1], found(m[1], m[2])) for m in chosen]
        stale = [s for s in stale if s[2] != 1]
        for name, path, found in stale:
            print(f"mutants: fault {name}: its text is found {found} times in {path}, not once")
        return 1 if stale else 0
    if args.list:
        for m in chosen:
            print(f"{m[0]:40} {m[1]}")
        return 0
    prepare_tree()
    every_target = sorted({t for _, (_, targets) in SUITES.items() for t in targets})
    print(f"mutants: building the copy in {BUILD} (the first time takes a full build)", flush=True)
    r = build(every_target)
    if r.returncode != 0:
        sys.exit("mutants: the unmodified copy does not build\n" + r.stdout[-3000:])
    for name in SUITES:
        if suite_fails(name):
            sys.exit(f"mutants: the unmodified copy already fails the {name} suite; fix that first")
    survivors, results = [], []
    for ident, path, original, faulty, suites in chosen:
        file = os.path.join(TREE, path)
        text = open(file, encoding="utf-8").read()
        if text.count(original) != 1:
            sys.exit(f"mutants: {ident}: the original text is not found exactly once in {path}; update the list")
        started = time.time()
        try:
            with open(file, "w", encoding="utf-8") as out:
                out.write(text.replace(original, faulty))
            targets = sorted({t for s in suites for t in SUITES[s][1]})
            built = build(targets)
            if built.returncode != 0:
                verdict, caught_by = "DOES NOT BUILD (fix the list)", []
                survivors.append(ident)
            else:
                caught_by = [s for s in suites if suite_fails(s)]
                verdict = "caught" if caught_by else "SURVIVED"
                if not caught_by:
                    survivors.append(ident)
        finally:
            with open(file, "w", encoding="utf-8") as out:
                out.write(text)
        line = f"{ident:40} {verdict:8} {'+'.join(caught_by) or '-':12} {time.time() - started:5.0f} s"
        results.append(line)
        print(line, flush=True)
    build(every_target)   # leave the copy as the tree is
    print(f"mutants: {len(chosen) - len(survivors)} of {len(chosen)} faults caught" +
          (f"; survived: {', '.join(survivors)}" if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Runs the benchmark of bench/run and prints its table. Every figure is a median of several
runs, and each anchor is measured in the same run, so every figure is also a ratio."""
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build-bench")
SWIFT = os.path.join(BENCH, "release", "mysqlwire-bench")
ANCHOR = os.path.join(BENCH, "anchor")
CHECKER = os.path.join(ROOT, ".build-release", "backup-checker.stripped")
PYTHON = sys.executable
ROWS = 1_000_000


def server_env():
    out = subprocess.check_output([os.path.join(ROOT, "scripts", "mariadb"), "env"], text=True)
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


ENV = dict(os.environ, **server_env())


def sql(statement, database=None):
    command = [os.path.join(ROOT, "scripts", "mariadb"), "sql", "-N"] + ([database] if database else [])
    return subprocess.run(command, input=statement, text=True, capture_output=True, check=True).stdout.strip()


def prepare():
    sql("CREATE DATABASE IF NOT EXISTS bc_bench")
    count = sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='bc_bench' AND table_name='big'")
    if count == "1" and sql("SELECT COUNT(*) FROM big", "bc_bench") == str(ROWS):
        return
    print("bench: creating bc_bench.big with 1,000,000 rows", file=sys.stderr)
    sql("""DROP TABLE IF EXISTS big;
CREATE TABLE big (id INT UNSIGNED NOT NULL PRIMARY KEY, date DATE NOT NULL, target VARCHAR(255) NOT NULL,
  start_time TIME NOT NULL, end_time TIME NULL, status VARCHAR(32) NOT NULL) ENGINE=InnoDB;
INSERT INTO big SELECT seq, DATE '2024-10-18' - INTERVAL (seq % 365) DAY,
  CONCAT('backup-target-', LPAD(seq % 5000, 5, '0'), '.storage.example.test'), SEC_TO_TIME(seq % 86400),
  IF(seq % 17 = 0, NULL, SEC_TO_TIME((seq + 300) % 86400)), IF(seq % 13 = 0, 'failed', 'success')
  FROM seq_1_to_1000000;""", "bc_bench")


def measure(command, env=None, codes=(0,)):
    """(wall seconds, CPU seconds user+sys, peak RSS KiB) of `command`, from two runs. The times
    come from a run spawned directly, so they are the program's own (no wrapper's start-up in
    them). The peak RSS comes from a run under GNU time: the peak wait4 reports for a child of
    this Python would include the Python's own, since exec inherits it."""
    def spawn(argv):
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env or ENV,
                             file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
        _, status, usage = os.wait4(pid, 0)
        return time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage

    wall, code, usage = spawn(command)
    if code not in codes:
        raise SystemExit(f"bench: {' '.join(command[:3])} failed ({code})")
    with tempfile.NamedTemporaryFile() as report:
        spawn(["/usr/bin/time", "-f", "%M %x", "-o", report.name] + command)
        rss, code = open(report.name).read().split()[-2:]
    if int(code) not in codes:
        raise SystemExit(f"bench: {' '.join(command[:3])} failed under time ({code})")
    return wall, usage.ru_utime + usage.ru_stime, int(rss)


def median_of(runs, command, env=None, codes=(0,)):
    results = [measure(command, env, codes) for _ in range(runs)]
    return tuple(statistics.median(values) for values in zip(*results))


def interleaved_medians(runs, commands, env=None):
    """median_of for several commands run in turn (A B C, A B C, …), so that a slow spell of
    the machine falls on all of them alike rather than on one. A command may be a pair
    (command, environment)."""
    results = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            argv, environment = command if isinstance(command, tuple) else (command, env)
            results[index].append(measure(argv, environment))
    return [tuple(statistics.median(values) for values in zip(*runs_of_one)) for runs_of_one in results]


def start_zulip(work, name, *options):
    """The Zulip-like server of scripts/zulip-stand-in, and its port."""
    port_file = os.path.join(work, name + ".port")
    process = subprocess.Popen([os.path.join(ROOT, "scripts", "zulip-stand-in"), port_file,
                                os.path.join(work, name + ".log"), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(port_file):
        time.sleep(0.05)
    return process, open(port_file).read()


def start_webhook(work):
    """The JSON webhook receiver of scripts/webhook-receiver, and its port."""
    port_file = os.path.join(work, "webhook.port")
    process = subprocess.Popen([os.path.join(ROOT, "scripts", "webhook-receiver"), port_file,
                                os.path.join(work, "webhook.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(port_file):
        time.sleep(0.05)
    return process, open(port_file).read()


def smtp_env():
    out = subprocess.check_output([os.path.join(ROOT, "scripts", "smtp"), "env"], text=True)
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def check_settings(work, zulip_port):
    """The small table of section 3 for 2024-10-18, its list, and the settings that point the
    checker (and the seed's script) at it and at the Zulip-like server."""
    sql("""DELETE FROM list WHERE date = '2024-10-18';
INSERT INTO list (date, target, start_time, end_time, status) VALUES
 ('2024-10-18', 'mail.example.test', '01:01:00', '01:02:32', 'success'),
 ('2024-10-18', 'web.example.test', '01:10:00', '01:12:02', 'success'),
 ('2024-10-18', 'db.example.test', '02:00:00', NULL, 'failed'),
 ('2024-10-18', 'db.example.test', '02:30:00', '02:41:09', 'success');""", "backups")
    expected = os.path.join(work, "expected")
    with open(expected, "w") as handle:
        handle.write("mail.example.test\nweb.example.test\ndb.example.test\n")
    return {
        "db_host": ENV["BC_TEST_DB_HOST"], "db_port": ENV["BC_TEST_DB_PORT"], "db_username": ENV["BC_TEST_DB_USER"],
        "db_password": ENV["BC_TEST_DB_PASSWORD"], "database": "backups", "expected_backups": expected,
        "zulip_site": f"http://127.0.0.1:{zulip_port}", "zulip_email": "backup-bot@zulip.example.org",
        "zulip_bot_api_key": "stand-in-Key-0123456789abcdef", "zulip_stream": "ops", "zulip_topic": "backups",
        "timezone": "UTC", "check_date": "2024-10-18", "PATH": os.environ["PATH"],
    }


def destinations(runs, work, settings, lines, row):
    """Section 3c: the whole check telling Zulip and three notify_urls destinations — an e-mail
    over STARTTLS with a login and one over TLS from the first byte (the local aiosmtpd of
    scripts/smtp), and a JSON webhook (scripts/webhook-receiver) — against Zulip alone and the
    seed's single post."""
    print("bench: the whole check with three more destinations", file=sys.stderr)
    smtp = smtp_env()
    webhook, webhook_port = start_webhook(work)
    login = f"{smtp['BC_TEST_SMTP_USER']}:{smtp['BC_TEST_SMTP_PASSWORD']}@{smtp['BC_TEST_SMTP_HOST']}"
    urls = " ".join([
        f"mailto://{login}:{smtp['BC_TEST_SMTP_STARTTLS_PORT']}?to=ops@example.test&from=backup@example.test",
        f"mailtos://{login}:{smtp['BC_TEST_SMTP_SMTPS_PORT']}?to=ops@example.test&from=backup@example.test",
        f"json://127.0.0.1:{webhook_port}/backups",
    ])
    told = dict(settings, notify_urls=urls, notify_tls_ca=smtp["BC_TEST_SMTP_CA"])
    swift_zulip, swift_all, python_check = interleaved_medians(runs, [
        ([CHECKER, "--date", "2024-10-18"], settings),
        ([CHECKER, "--date", "2024-10-18"], told),
        ([PYTHON, os.path.join(ROOT, "bench", "seed_original.py")], settings),
    ])
    webhook.terminate()
    lines.append("### 3c. The whole check telling Zulip and three more destinations")
    lines.append("")
    lines.append("notify_urls: an e-mail over STARTTLS with AUTH PLAIN and one over TLS from the first byte (aiosmtpd "
                 "on loopback, scripts/smtp), and a JSON webhook (scripts/webhook-receiver); the seed posts once to Zulip.")
    lines.append("")
    row("program", "wall time", "CPU time", "peak RSS")
    row("---", "---:", "---:", "---:")
    row("backup-checker: Zulip only", f"{swift_zulip[0] * 1e3:.1f} ms", f"{swift_zulip[1] * 1e3:.1f} ms",
        f"{swift_zulip[2] / 1024:.1f} MiB")
    row("backup-checker: Zulip + 2 e-mails + JSON webhook", f"{swift_all[0] * 1e3:.1f} ms", f"{swift_all[1] * 1e3:.1f} ms",
        f"{swift_all[2] / 1024:.1f} MiB")
    row("the seed's Python: one Zulip post", f"{python_check[0] * 1e3:.1f} ms", f"{python_check[1] * 1e3:.1f} ms",
        f"{python_check[2] / 1024:.1f} MiB")
    row("three destinations cost", f"+{(swift_all[0] - swift_zulip[0]) * 1e3:.1f} ms",
        f"+{(swift_all[1] - swift_zulip[1]) * 1e3:.1f} ms", f"+{(swift_all[2] - swift_zulip[2]) / 1024:.1f} MiB")
    row("ratio to the seed's single post", f"{python_check[0] / swift_all[0]:.1f}× faster", "",
        f"{swift_all[2] / python_check[2]:.2f} of it")
    lines.append("")
    return python_check[0] / swift_all[0]


def main():
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    if sys.argv[1:] == ["destinations"]:
        # Only section 3c (bench/run destinations).
        lines = []

        def row(*cells):
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        work = tempfile.mkdtemp(prefix="bench-zulip-")
        zulip, zulip_port = start_zulip(work, "http")
        destinations(runs, work, check_settings(work, zulip_port), lines, row)
        zulip.terminate()
        print("\n".join(lines))
        return
    prepare()
    lines = []
    goals = []

    def row(*cells):
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")

    # 1. Bulk decode: client CPU per row, minus the same program with LIMIT 0.
    print("bench: bulk decode", file=sys.stderr)
    clients = [("MySQLWire (Swift)", [SWIFT, "decode"]), ("libmariadb (C)", [ANCHOR, "decode"]),
               ("PyMySQL (unbuffered)", [PYTHON, os.path.join(ROOT, "bench", "anchor_pymysql.py")])]
    per_row = {}
    compiled = clients[:2]
    medians = interleaved_medians(runs, [command + [query] for _, command in compiled
                                         for query in ("SELECT * FROM big", "SELECT * FROM big LIMIT 0")])
    for index, (name, _) in enumerate(compiled):
        full, empty = medians[2 * index], medians[2 * index + 1]
        per_row[name] = (full[1] - empty[1]) / ROWS * 1e9
    name, command = clients[2]
    full = median_of(max(3, runs // 2), command + ["SELECT * FROM big"])
    empty = median_of(max(3, runs // 2), command + ["SELECT * FROM big LIMIT 0"])
    per_row[name] = (full[1] - empty[1]) / ROWS * 1e9
    rss_100k = median_of(3, [SWIFT, "decode", "SELECT * FROM big LIMIT 100000"])[2]
    rss_1m = median_of(3, [SWIFT, "decode", "SELECT * FROM big"])[2]

    lines.append("### 1. Bulk decode: `SELECT * FROM big`, 1,000,000 rows, every value read")
    lines.append("")
    row("client", "CPU per row", "vs libmariadb", "PyMySQL vs it")
    row("---", "---:", "---:", "---:")
    base = per_row["libmariadb (C)"]
    slow = per_row["PyMySQL (unbuffered)"]
    for name, _ in clients:
        row(name, f"{per_row[name]:.0f} ns", f"{per_row[name] / base:.2f}×", f"{slow / per_row[name]:.1f}×")
    lines.append("")
    lines.append(f"MySQLWire peak RSS while streaming: {rss_100k / 1024:.1f} MiB at 100,000 rows, "
                 f"{rss_1m / 1024:.1f} MiB at 1,000,000 rows.")
    goals.append(("bulk decode ≤ 1.0× libmariadb's CPU per row", per_row["MySQLWire (Swift)"] <= base,
                  f"{per_row['MySQLWire (Swift)'] / base:.2f}×"))
    lines.append("")

    # 2. Connection cost.
    print("bench: connection cost", file=sys.stderr)
    iterations = int(os.environ.get("BENCH_CONNECTIONS", "1000"))
    lines.append(f"### 2. Connection cost: {iterations} × (connect, authenticate, `SELECT 1`, quit) over TCP")
    lines.append("")
    lines.append("TLS without verification: MySQLWire's `required` loads no CA; libmariadb is given the test CA "
                 "file, since without one it loads the system's whole store for every connection even when it "
                 "does not verify. Verified: both verify-ca with that same CA file.")
    lines.append("")
    row("client", "plain", "vs libmariadb", "TLS, not verified", "vs libmariadb", "TLS, verify-ca", "vs libmariadb")
    row("---", "---:", "---:", "---:", "---:", "---:", "---:")
    costs = {}
    for name, binary in [("MySQLWire (Swift)", SWIFT), ("libmariadb (C)", ANCHOR)]:
        costs[name] = [median_of(3, [binary, "connect", str(iterations), mode])[0] / iterations * 1e3
                       for mode in ("plain", "tls", "verify")]
    anchor = costs["libmariadb (C)"]
    for name, values in costs.items():
        cells = []
        for value, base in zip(values, anchor):
            cells += [f"{value:.3f} ms", f"{value / base:.2f}×"]
        row(name, *cells)
    lines.append("")

    # 3. The whole check.
    print("bench: the whole check", file=sys.stderr)
    work = tempfile.mkdtemp(prefix="bench-zulip-")
    zulip, zulip_port = start_zulip(work, "http")
    # The same server over https with the test server's certificate, trusted through the
    # system's CA bundle with the test CA added, as a site like zulipchat.com is trusted.
    tls = os.path.dirname(ENV["BC_TEST_DB_TLS_CA"])
    zulip_tls, zulip_tls_port = start_zulip(work, "https", "--tls", os.path.join(tls, "server.pem"),
                                            os.path.join(tls, "server-key.pem"))
    bundle = os.path.join(work, "ca-bundle.pem")
    with open(bundle, "w") as handle:
        handle.write(open("/etc/ssl/certs/ca-certificates.crt").read() + open(ENV["BC_TEST_DB_TLS_CA"]).read())
    settings = check_settings(work, zulip_port)
    # Default settings: db_tls is preferred, and the server offers TLS, so backup-checker
    # encrypts; the seed's connector, with its defaults, does not. Both find every target
    # done and exit 0.
    # The last: the same without TLS, as the seed's connector runs, for what TLS costs a run.
    # Then both posting over https, each verifying with the same bundle.
    https = dict(settings, zulip_site=f"https://127.0.0.1:{zulip_tls_port}", SSL_CERT_FILE=bundle,
                 REQUESTS_CA_BUNDLE=bundle)
    swift_check, python_check, plain_check, swift_https, python_https = interleaved_medians(runs, [
        ([CHECKER, "--date", "2024-10-18"], settings),
        ([PYTHON, os.path.join(ROOT, "bench", "seed_original.py")], settings),
        ([CHECKER, "--date", "2024-10-18"], dict(settings, db_tls="disabled")),
        ([CHECKER, "--date", "2024-10-18"], https),
        ([PYTHON, os.path.join(ROOT, "bench", "seed_original.py")], https),
    ])
    version = median_of(runs * 4, [CHECKER, "--version"])
    true = median_of(runs * 4, ["/bin/true"])
    lines.append("### 3. The whole check: query, report, post to a local Zulip-like server")
    lines.append("")
    lines.append("Default settings for each: backup-checker uses TLS (`preferred`, offered by the server), the "
                 "seed's connector does not.")
    lines.append("")
    row("program", "wall time", "peak RSS")
    row("---", "---:", "---:")
    row("backup-checker (release, static stdlib)", f"{swift_check[0] * 1e3:.1f} ms", f"{swift_check[2] / 1024:.1f} MiB")
    row("the seed's Python (mariadb + tabulate + requests)", f"{python_check[0] * 1e3:.1f} ms",
        f"{python_check[2] / 1024:.1f} MiB")
    row("ratio", f"{python_check[0] / swift_check[0]:.1f}× faster", f"{swift_check[2] / python_check[2]:.2f} of it")
    row("backup-checker with `db_tls=disabled` (no TLS, as the seed)", f"{plain_check[0] * 1e3:.1f} ms",
        f"{plain_check[2] / 1024:.1f} MiB")
    row("its ratio", f"{python_check[0] / plain_check[0]:.1f}× faster", f"{plain_check[2] / python_check[2]:.2f} of it")
    row("backup-checker posting over https (the system's CA bundle + the test CA)", f"{swift_https[0] * 1e3:.1f} ms",
        f"{swift_https[2] / 1024:.1f} MiB")
    row("the seed's Python posting over https (the same bundle)", f"{python_https[0] * 1e3:.1f} ms",
        f"{python_https[2] / 1024:.1f} MiB")
    row("their ratio", f"{python_https[0] / swift_https[0]:.1f}× faster", f"{swift_https[2] / python_https[2]:.2f} of it")
    row("`backup-checker --version` (start-up alone)", f"{version[0] * 1e3:.2f} ms", f"{version[2] / 1024:.1f} MiB")
    row("`/bin/true`", f"{true[0] * 1e3:.2f} ms", f"{true[2] / 1024:.1f} MiB")
    lines.append("")
    goals.append(("whole check ≥ 20× faster than the seed", python_check[0] / swift_check[0] >= 20,
                  f"{python_check[0] / swift_check[0]:.1f}×"))
    goals.append(("whole check ≤ 1/3 of the seed's peak RSS", swift_check[2] / python_check[2] <= 1 / 3,
                  f"{swift_check[2] / python_check[2]:.2f}"))

    # 3c. Zulip and three more destinations.
    # What three more destinations cost is shown, not judged: most of it is the two TLS
    # handshakes and the Python SMTP server's own pace.
    destinations(runs, work, settings, lines, row)

    # 3b. The whole check against the million-row table: the history streamed and reduced.
    print("bench: the whole check against 1,000,000 rows", file=sys.stderr)
    expected_big = os.path.join(work, "expected-big")
    with open(expected_big, "w") as handle:
        handle.write("".join(f"backup-target-{n:05d}.storage.example.test\n" for n in range(5000)))
    big = dict(settings, database="bc_bench", db_table="big", expected_backups=expected_big,
               db_username=ENV["BC_TEST_DB_ADMIN_USER"], db_password=ENV["BC_TEST_DB_ADMIN_PASSWORD"])
    lines.append("### 4. The whole check against `bc_bench.big`: 1,000,000 rows, 5,000 targets, a year")
    lines.append("")
    lines.append("`--dry-run --date 2024-10-18` (2,740 rows that day; the message lists every verdict), "
                 "history streamed and reduced per target, never held: memory must stay flat as it grows.")
    lines.append("")
    row("history", "history rows read", "wall time", "peak RSS")
    row("---", "---:", "---:", "---:")
    small = median_of(runs, [CHECKER, "--date", "2024-10-18", "--dry-run"], settings, codes=(0,))
    row("the small table (section 3), for scale", "—", f"{small[0] * 1e3:.1f} ms", f"{small[2] / 1024:.1f} MiB")
    flat = []
    for days in (35, 366):
        history_rows = sql(f"SELECT COUNT(*) FROM big WHERE date >= DATE '2024-10-18' - INTERVAL {days} DAY "
                           "AND date < '2024-10-18' AND status = 'success'", "bc_bench")
        result = median_of(3, [CHECKER, "--date", "2024-10-18", "--dry-run"], dict(big, history_days=str(days)),
                           codes=(0, 1))
        flat.append(result[2])
        row(f"{days} days", f"{int(history_rows):,}", f"{result[0] * 1e3:.0f} ms", f"{result[2] / 1024:.1f} MiB")
    lines.append("")
    goals.append(("memory flat as history grows (366 days ≤ 35 days + 2 MiB)", flat[1] <= flat[0] + 2048,
                  f"{flat[0] / 1024:.1f} → {flat[1] / 1024:.1f} MiB"))
    zulip.terminate()
    zulip_tls.terminate()

    # 5. Size.
    size = os.path.getsize(CHECKER)
    libraries = subprocess.check_output(["ldd", CHECKER], text=True).split("\n")
    names = sorted({line.split()[0].split("/")[-1] for line in libraries if line.strip()})
    allowed = {"linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6"}
    goals.append(("stripped binary ≤ 12 MB", size <= 12_000_000, f"{size / 1e6:.1f} MB"))
    goals.append(("ldd lists only glibc, libstdc++ and libgcc_s", set(names) <= allowed, ", ".join(names)))
    lines.append("### 5. Size")
    lines.append("")
    lines.append(f"Stripped release binary: {size / 1e6:.1f} MB; it needs at run time: {', '.join(names)}.")
    lines.append("")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines.append(f"Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; "
                 f"MariaDB {sql('SELECT VERSION()')} on loopback; medians of {runs} runs "
                 f"(PyMySQL {max(3, runs // 2)}, connections 3).")
    lines.append("")
    lines.append("### Goals")
    lines.append("")
    row("goal", "met", "measured")
    row("---", "---", "---:")
    for goal, met, figure in goals:
        row(goal, "yes" if met else "**no**", figure)
    lines.append("")
    lines.append("The image's size (goal ≤ 22 MB) is measured by scripts/check-image, which builds it.")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(BENCH, "results.md"), "w") as handle:
        handle.write(text + "\n")


if __name__ == "__main__":
    main()

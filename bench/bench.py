"""Runs the benchmark of bench/run and prints its table. Every figure is a median of several
runs, and each anchor is measured in the same run, so every figure is also a ratio."""
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
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


def measure(command, env=None):
    """(wall seconds, CPU seconds user+sys, peak RSS KiB) of one run of `command`. GNU time
    forks the program itself, so its peak RSS is the program's own; the CPU time comes from
    wait4 on time (its own share is a few hundred microseconds)."""
    with tempfile.NamedTemporaryFile() as report:
        start = time.perf_counter()
        pid = os.posix_spawn("/usr/bin/time", ["/usr/bin/time", "-f", "%M %x", "-o", report.name] + command,
                             env or ENV, file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        rss, code = open(report.name).read().split()[-2:]
    if status != 0 or code != "0":
        raise SystemExit(f"bench: {' '.join(command[:3])} failed ({code})")
    return wall, usage.ru_utime + usage.ru_stime, int(rss)


def median_of(runs, command, env=None):
    results = [measure(command, env) for _ in range(runs)]
    return tuple(statistics.median(values) for values in zip(*results))


class Zulip(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"id":1,"msg":"","result":"success"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    prepare()
    lines = []

    def row(*cells):
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")

    # 1. Bulk decode: client CPU per row, minus the same program with LIMIT 0.
    print("bench: bulk decode", file=sys.stderr)
    clients = [("MySQLWire (Swift)", [SWIFT, "decode"]), ("libmariadb (C)", [ANCHOR, "decode"]),
               ("PyMySQL (unbuffered)", [PYTHON, os.path.join(ROOT, "bench", "anchor_pymysql.py")])]
    per_row = {}
    for name, command in clients:
        n = runs if "PyMySQL" not in name else max(3, runs // 2)
        full = median_of(n, command + ["SELECT * FROM big"])
        empty = median_of(n, command + ["SELECT * FROM big LIMIT 0"])
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
    lines.append("")

    # 2. Connection cost.
    print("bench: connection cost", file=sys.stderr)
    iterations = int(os.environ.get("BENCH_CONNECTIONS", "1000"))
    lines.append(f"### 2. Connection cost: {iterations} × (connect, authenticate, `SELECT 1`, quit) over TCP")
    lines.append("")
    row("client", "plain, per iteration", "vs libmariadb", "TLS, per iteration", "vs libmariadb")
    row("---", "---:", "---:", "---:", "---:")
    costs = {}
    for name, binary in [("MySQLWire (Swift)", SWIFT), ("libmariadb (C)", ANCHOR)]:
        plain = median_of(3, [binary, "connect", str(iterations)])[0] / iterations * 1e3
        tls = median_of(3, [binary, "connect", str(iterations), "tls"])[0] / iterations * 1e3
        costs[name] = (plain, tls)
    c_plain, c_tls = costs["libmariadb (C)"]
    for name, (plain, tls) in costs.items():
        row(name, f"{plain:.3f} ms", f"{plain / c_plain:.2f}×", f"{tls:.3f} ms", f"{tls / c_tls:.2f}×")
    lines.append("")

    # 3. The whole check.
    print("bench: the whole check", file=sys.stderr)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Zulip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sql("""DELETE FROM list WHERE date = '2024-10-18';
INSERT INTO list (date, target, start_time, end_time, status) VALUES
 ('2024-10-18', 'mail.example.test', '01:01:00', '01:02:32', 'success'),
 ('2024-10-18', 'web.example.test', '01:10:00', '01:12:02', 'success'),
 ('2024-10-18', 'db.example.test', '02:00:00', NULL, 'failed'),
 ('2024-10-18', 'db.example.test', '02:30:00', '02:41:09', 'success');""", "backups")
    with tempfile.NamedTemporaryFile("w", suffix=".expected", delete=False) as handle:
        handle.write("mail.example.test\nweb.example.test\ndb.example.test\nfiles.example.test\n")
        expected = handle.name
    settings = {
        "db_host": ENV["BC_TEST_DB_HOST"], "db_port": ENV["BC_TEST_DB_PORT"], "db_username": ENV["BC_TEST_DB_USER"],
        "db_password": ENV["BC_TEST_DB_PASSWORD"], "database": "backups", "expected_backups": expected,
        "zulip_site": f"http://127.0.0.1:{server.server_port}", "zulip_email": "backup-bot@zulip.example.org",
        "zulip_bot_api_key": "bench-key", "zulip_stream": "ops", "zulip_topic": "backups", "timezone": "UTC",
        "check_date": "2024-10-18", "db_tls": "disabled", "PATH": os.environ["PATH"],
    }
    # Both find one target missing, so both exit with a mismatch; measure() wants 0, so the
    # list here has only the targets that ran.
    with open(expected, "w") as handle:
        handle.write("mail.example.test\nweb.example.test\ndb.example.test\n")
    swift_check = median_of(runs, [CHECKER, "--date", "2024-10-18"], settings)
    python_check = median_of(runs, [PYTHON, os.path.join(ROOT, "bench", "seed_original.py")], settings)
    server.shutdown()
    os.unlink(expected)
    lines.append("### 3. The whole check: query, report, post to a local Zulip-like server")
    lines.append("")
    row("program", "wall time", "peak RSS")
    row("---", "---:", "---:")
    row("backup-checker (release, static stdlib)", f"{swift_check[0] * 1e3:.1f} ms", f"{swift_check[2] / 1024:.1f} MiB")
    row("the seed's Python (mariadb + tabulate + requests)", f"{python_check[0] * 1e3:.1f} ms",
        f"{python_check[2] / 1024:.1f} MiB")
    row("ratio", f"{python_check[0] / swift_check[0]:.1f}× faster", f"{swift_check[2] / python_check[2]:.2f} of it")
    lines.append("")

    # 4. Size.
    size = os.path.getsize(CHECKER)
    libraries = subprocess.check_output(["ldd", CHECKER], text=True).split("\n")
    names = sorted({line.split()[0].split("/")[-1] for line in libraries if line.strip()})
    lines.append("### 4. Size")
    lines.append("")
    lines.append(f"Stripped release binary: {size / 1e6:.1f} MB; it needs at run time: {', '.join(names)}.")
    lines.append("")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines.append(f"Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; "
                 f"MariaDB {sql('SELECT VERSION()')} on loopback; medians of {runs} runs "
                 f"(PyMySQL {max(3, runs // 2)}, connections 3).")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(BENCH, "results.md"), "w") as handle:
        handle.write(text + "\n")


if __name__ == "__main__":
    main()

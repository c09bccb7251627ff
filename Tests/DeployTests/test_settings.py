"""Every setting of the tool can be set from a CI variable: the deploy job's lists in
.gitlab-ci.yml equal the tool's table of settings, and deploy/run-check turns each into .env
or a read-only mount."""
import json
import os
import stat
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tool_settings():
    """The tool's table of settings, as `backup-checker settings` prints it (one a line: name,
    default, kind, section, attributes, help, tab-separated), from the release binary that
    scripts/check-deploy builds."""
    path = os.environ.get("BC_RELEASE_BINARY")
    assert path and os.path.exists(path), "scripts/check-deploy builds the release binary first"
    listing = subprocess.run([path, "settings"], capture_output=True, text=True, check=True).stdout
    settings = {}
    for line in listing.splitlines():
        name, _default, kind, _section, attributes, _help = line.split("\t")
        settings[name] = {"kind": kind, "attributes": set(attributes.split(",")) - {"-"}}
    assert len(settings) >= 20, listing
    return settings


def deploy_lists():
    with open(os.path.join(ROOT, ".gitlab-ci.yml")) as handle:
        variables = yaml.safe_load(handle)["deploy"]["variables"]
    return {key: variables[key].split() for key in ("BC_SETTINGS", "BC_FILE_SETTINGS", "BC_HOST_PATH_SETTINGS")}


def test_the_deploy_job_passes_every_setting_of_the_tool_once():
    lists = deploy_lists()
    listed = [name for names in lists.values() for name in names]
    assert len(listed) == len(set(listed)), "a setting listed twice"
    assert sorted(listed) == sorted(tool_settings())


def test_settings_that_name_paths_are_mounted_and_files_to_read_come_from_file_variables():
    settings = tool_settings()
    lists = deploy_lists()
    paths = {name for name, setting in settings.items() if setting["kind"] == "path"}
    files = {name for name, setting in settings.items() if "file" in setting["attributes"]}
    # Every path is mounted: a file the check reads from a File variable, read-only; a path on
    # the host (the socket, the textfile's folder) at the same path.
    assert set(lists["BC_FILE_SETTINGS"]) | set(lists["BC_HOST_PATH_SETTINGS"]) == paths
    assert files <= set(lists["BC_FILE_SETTINGS"])
    assert "expected_backups" in lists["BC_FILE_SETTINGS"]
    assert sorted(lists["BC_HOST_PATH_SETTINGS"]) == ["db_socket", "metrics_file"]


def test_secrets_are_named_in_the_pipelines_advice_to_mask_them():
    with open(os.path.join(ROOT, ".gitlab-ci.yml")) as handle:
        header = handle.read().split("\nstages:")[0]
    for name, setting in tool_settings().items():
        if "secret" in setting["attributes"]:
            assert name.upper() in header, name


RECORDER = """#!/usr/bin/env python3
import json, os, sys
arguments = sys.argv[1:]
env_file = arguments[arguments.index("--env-file") + 1]
mounts = [arguments[i + 1] for i, a in enumerate(arguments) if a == "--volume"]
mounted = {}
for mount in mounts:
    host, inside = mount.split(":")[:2]
    if os.path.isdir(host):
        for name in sorted(os.listdir(host)):
            path = os.path.join(host, name)
            mounted[inside + "/" + name] = [open(path).read(), oct(os.stat(path).st_mode & 0o777)]
record = {"arguments": arguments, "env": open(env_file).read(), "env_mode": oct(os.stat(env_file).st_mode & 0o777),
          "mounts": mounts, "mounted": mounted}
with open(os.environ["RECORD"], "w") as handle:
    json.dump(record, handle)
sys.exit(int(os.environ.get("EXIT", "0")))
"""


def run_check(tmp_path, environment, exit_status=0):
    """Runs deploy/run-check in tmp_path with the deploy job's lists, and a `docker` first on
    PATH that records what it was asked to run (the real image runs in scripts/check-pipeline)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "docker").write_text(RECORDER)
    (bin_dir / "docker").chmod(0o755)
    record = tmp_path / "record.json"
    lists = {key: " ".join(names) for key, names in deploy_lists().items()}
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "RECORD": str(record), "EXIT": str(exit_status),
           "CI_PIPELINE_IID": "41", **lists, **environment}
    work = tmp_path / "project"
    work.mkdir()
    result = subprocess.run([os.path.join(ROOT, "deploy", "run-check"), "registry.example.test/checker:latest"],
                            cwd=work, env=env, capture_output=True, text=True)
    recorded = json.loads(record.read_text()) if record.exists() else None
    return result, recorded, work


def test_run_check_writes_every_set_variable_and_mounts_file_variables_read_only(tmp_path):
    lists = deploy_lists()
    environment = {name.upper(): f"value-of-{name}" for name in lists["BC_SETTINGS"]}
    environment["ZULIP_SITE"] = "https://zulip.example.test"
    for name in lists["BC_FILE_SETTINGS"]:
        path = tmp_path / f"{name}.file"
        path.write_text(f"content of {name}\n")
        path.chmod(0o600)  # as the runner writes a File variable
        environment[name.upper()] = str(path)
    environment["DB_SOCKET"] = "/run/mysqld/mysqld.sock"
    environment["METRICS_FILE"] = "/var/lib/node-exporter/backup_checker.prom"
    result, recorded, work = run_check(tmp_path, environment)
    assert result.returncode == 0, result.stderr
    lines = recorded["env"].splitlines()
    expected = [f"{name}=value-of-{name}" for name in lists["BC_SETTINGS"] if name != "zulip_site"]
    expected += ["zulip_site=https://zulip.example.test"]
    expected += [f"{name}=/run/ci-files/{name}" for name in lists["BC_FILE_SETTINGS"]]
    expected += ["db_socket=/run/mysqld/mysqld.sock", "metrics_file=/var/lib/node-exporter/backup_checker.prom"]
    assert sorted(lines) == sorted(expected)
    assert recorded["env_mode"] == "0o600"
    assert f"{work}/.ci-files:/run/ci-files:ro" in recorded["mounts"]
    assert "/run/mysqld/mysqld.sock:/run/mysqld/mysqld.sock" in recorded["mounts"]
    assert "/var/lib/node-exporter:/var/lib/node-exporter" in recorded["mounts"]
    for name in lists["BC_FILE_SETTINGS"]:
        assert recorded["mounted"][f"/run/ci-files/{name}"] == [f"content of {name}\n", "0o644"]
    assert recorded["arguments"][:4] == ["run", "--rm", "--name", "backup-checker-41"]
    assert recorded["arguments"][-1] == "registry.example.test/checker:latest"
    # Nothing is left behind, and no value is printed.
    assert not (work / ".env").exists() and not (work / ".ci-files").exists()
    assert "value-of-" not in result.stderr + result.stdout


def test_run_check_leaves_unset_settings_to_the_tool_and_passes_its_exit_code(tmp_path):
    result, recorded, _ = run_check(tmp_path, {"DB_HOST": "172.17.0.1", "HEARTBEAT_URL": ""}, exit_status=1)
    assert result.returncode == 1
    assert recorded["env"] == "db_host=172.17.0.1\n"
    assert not any(mount.endswith(":/run/ci-files:ro") for mount in recorded["mounts"])
    assert "the check exited 1" in result.stderr


def test_run_check_refuses_a_value_with_a_line_break_without_showing_it(tmp_path):
    result, recorded, work = run_check(tmp_path, {"DB_PASSWORD": "secret\ndb_host=elsewhere"})
    assert result.returncode == 2 and recorded is None
    assert "DB_PASSWORD holds a line break" in result.stderr
    assert "secret" not in result.stderr and "elsewhere" not in result.stderr
    assert not (work / ".env").exists()


def test_run_check_refuses_a_file_setting_that_is_not_a_file_variable(tmp_path):
    result, recorded, _ = run_check(tmp_path, {"DB_TLS_CA": "-----BEGIN CERTIFICATE-----"})
    assert result.returncode == 2 and recorded is None
    assert "DB_TLS_CA does not name a file: make it a File-type CI variable" in result.stderr
    assert "BEGIN" not in result.stderr


def test_the_env_file_is_never_readable_by_others(tmp_path):
    result, recorded, _ = run_check(tmp_path, {"DB_PASSWORD": "p"})
    assert result.returncode == 0
    assert int(recorded["env_mode"], 8) & (stat.S_IRWXG | stat.S_IRWXO) == 0

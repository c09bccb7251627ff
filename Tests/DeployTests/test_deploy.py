"""Checks of what ships: the GitLab pipeline, the Dockerfile and the release binary.

Run by scripts/check-deploy (which builds the binary as the Dockerfile does and passes its
path in BC_RELEASE_BINARY).
"""
import os
import re
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# What the runtime image may carry from the build stage: glibc's libraries (libc, libm, libdl,
# libpthread, librt, libresolv, the loader) and libgcc_s. Not libstdc++ nor libssl3: both are
# linked statically.
RUNTIME_BASE_LIBRARIES = {
    "linux-vdso.so.1",  # the kernel's, in every process
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
    "libgcc_s.so.1",  # libstdc++ is linked in (scripts/build-release)
}


def pipeline():
    with open(os.path.join(ROOT, ".gitlab-ci.yml")) as handle:
        return yaml.safe_load(handle)


def rule_conditions(job):
    return [rule.get("if", "") for rule in job.get("rules", [])]


def test_four_stages_in_order():
    ci = pipeline()
    assert ci["stages"] == ["build", "push", "deploy", "cleanup"]
    for job, stage in [("build", "build"), ("push", "push"), ("deploy", "deploy"), ("cleanup", "cleanup")]:
        assert ci[job]["stage"] == stage


def test_build_tags_latest_and_pipeline_tag():
    ci = pipeline()
    script = " ".join(ci["build"]["script"])
    assert "--tag \"$IMAGE_TAG\"" in script and "--tag \"$IMAGE_LATEST\"" in script
    assert ci["variables"]["IMAGE_TAG"] == "$CI_REGISTRY_IMAGE:$CI_PIPELINE_IID-$CI_COMMIT_SHORT_SHA"
    assert ci["variables"]["IMAGE_LATEST"] == "$CI_REGISTRY_IMAGE:latest"


def test_push_logs_in_with_password_on_stdin():
    script = " ".join(pipeline()["push"]["script"])
    assert "--password-stdin" in script
    assert not re.search(r"(-p|--password)\s+\S", script.replace("--password-stdin", ""))
    assert "docker push \"$IMAGE_TAG\"" in script and "docker push \"$IMAGE_LATEST\"" in script


def test_deploy_runs_the_image_last_pushed_with_every_setting_and_removes_the_env_file():
    deploy = pipeline()["deploy"]
    assert deploy["allow_failure"] is True
    script = "\n".join(deploy["script"])
    assert 'docker pull --quiet "$IMAGE_LATEST"' in script
    assert 'deploy/run-check "$IMAGE_LATEST"' in script
    assert "$IMAGE_TAG" not in script
    assert "rm -rf .env .ci-files" in " ".join(deploy["after_script"])
    with open(os.path.join(ROOT, "deploy", "run-check")) as handle:
        run_check = handle.read()
    assert re.search(r'docker run --rm .*--env-file \.env "\$\{mounts\[@\]\}" "\$image"', run_check)
    assert "umask 077" in run_check and "trap 'rm -rf .env" in run_check


def test_cleanup_removes_both_tags_and_prunes_the_build_stage_whatever_deploy_did():
    cleanup = pipeline()["cleanup"]
    for rule in cleanup["rules"]:
        assert rule["when"] in ("always", "never"), rule
    for line in cleanup["script"]:
        assert line.rstrip().endswith("|| true")
    script = " ".join(cleanup["script"])
    assert 'docker image rm --force "$IMAGE_TAG"' in script and 'docker image rm --force "$IMAGE_LATEST"' in script
    # The label the Dockerfile puts on the build stage, and only dangling images (no --all).
    label = re.search(r"^LABEL (\S+=\S+)$", dockerfile_stages()[0], re.MULTILINE).group(1)
    assert f"docker image prune --force --filter label={label}" in script
    assert "--all" not in script and " -a " not in script


def test_no_secret_value_in_the_pipeline():
    with open(os.path.join(ROOT, ".gitlab-ci.yml")) as handle:
        text = handle.read()
    ci = yaml.safe_load(text)
    for name in ci.get("variables", {}):
        assert not re.search(r"PASSWORD|API_KEY|SECRET|TOKEN", name), name
    # Secrets appear only as references to CI variables, never as literal values.
    for match in re.finditer(r"(password|api_key)=([^\s'\"]+)", text, re.IGNORECASE):
        assert match.group(2).startswith("%s") or match.group(2).startswith("$"), match.group(0)
    assert not re.search(r"[A-Za-z0-9]{32,}", text)


def dockerfile_stages():
    with open(os.path.join(ROOT, "Dockerfile")) as handle:
        text = handle.read()
    return re.split(r"^FROM ", text, flags=re.MULTILINE)[1:]


def test_dockerfile_runs_from_scratch_as_non_root_with_the_binary_as_entrypoint():
    stages = dockerfile_stages()
    assert len(stages) == 2, "two stages: build and runtime"
    assert stages[0].startswith("docker.io/library/swift:") and "RUN scripts/build-release" in stages[0]
    runtime = stages[1]
    assert runtime.startswith("scratch\n")
    assert re.search(r"^USER 10001:10001$", runtime, re.MULTILINE)
    assert 'ENTRYPOINT ["/usr/local/bin/backup-checker"]' in runtime
    assert "COPY --from=build /rootfs/ /" in runtime and "COPY expected-backups" in runtime
    assert ".env" not in runtime.replace("--env-file", "")


def test_base_images_are_named_in_full():
    # podman asks which registry a short name means (or refuses without a terminal).
    for stage in dockerfile_stages():
        base = stage.split()[0]
        assert base == "scratch" or re.fullmatch(r"docker\.io/library/[a-z0-9.-]+:[A-Za-z0-9._-]+", base), base


def test_every_run_that_pipes_sets_pipefail_itself():
    # podman builds the OCI image format by default, which ignores SHELL: a RUN with a pipe runs
    # bash -o pipefail itself (exec form), or the pipe's first failures go unnoticed.
    with open(os.path.join(ROOT, "Dockerfile")) as handle:
        text = re.sub(r"\\\n", " ", handle.read())
    runs = [line[4:] for line in text.splitlines() if line.startswith("RUN ")]
    piped = [run for run in runs if re.search(r"[^|]\|[^|]", run)]
    assert piped, "the rootfs step pipes ldd into grep"
    for run in piped:
        assert run.startswith('["/bin/bash", "-o", "pipefail", "-c", '), run[:60]
    assert not re.search(r"^SHELL ", text, re.MULTILINE)


def test_the_runtime_tree_holds_what_the_binary_needs_and_nothing_else():
    build = dockerfile_stages()[0]
    for needed in ["ldd /usr/local/bin/backup-checker", "/etc/ssl/certs/ca-certificates.crt", "/usr/share/zoneinfo",
                   "/rootfs/etc/passwd", "/rootfs/etc/group", "install -d -m 1777 /rootfs/tmp", "10001:10001"]:
        assert needed in build, needed
    # The Dockerfile builds through scripts/build-release, as check-deploy and the benchmark do.
    assert "COPY scripts/build-release scripts/link-order.txt ./scripts/" in build
    assert re.search(r"^RUN scripts/build-release", build, re.MULTILINE)
    with open(os.path.join(ROOT, "scripts", "build-release")) as handle:
        script = handle.read()
    for flag in ["--static-swift-stdlib", "-Xswiftc -use-ld=lld", "-Xlinker -z -Xlinker pack-relative-relocs",
                 "--symbol-ordering-file=", "static-libstdc++"]:
        assert flag in script, flag


def test_dockerignore_keeps_secrets_and_build_folders_out():
    with open(os.path.join(ROOT, ".dockerignore")) as handle:
        entries = {line.strip() for line in handle if line.strip() and not line.startswith("#")}
    assert {".env", ".build*", ".git"} <= entries


def release_binary():
    path = os.environ.get("BC_RELEASE_BINARY")
    assert path and os.path.exists(path), "scripts/check-deploy builds the release binary first"
    return path


def test_release_binary_prints_version_and_help():
    binary = release_binary()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\d+\.\d+\.\d+\n", version.stdout)
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    for word in ["doctor", "--dry-run", "db_password", "zulip_bot_api_key", "heartbeat_url", "pushgateway_url",
                 "history_days", "Exit codes"]:
        assert word in help_text
    usage = subprocess.run([binary, "--dryrun"], capture_output=True, text=True)
    assert usage.returncode == 2 and "Did you mean '--dry-run'?" in usage.stderr


def test_release_binary_is_at_most_14_mb():
    # 11.6 MB before the clients of notify_urls and e-mail (seven services, SMTP, MIME) landed;
    # 13.3 MB with them. The image's goal (22 MB, scripts/check-image) is unchanged.
    size = os.path.getsize(release_binary())
    assert size <= 14_000_000, f"{size / 1e6:.1f} MB"


def test_release_binary_needs_only_what_the_runtime_base_provides():
    output = subprocess.run(["ldd", release_binary()], capture_output=True, text=True, check=True).stdout
    needed = {line.split()[0].split("/")[-1] for line in output.splitlines() if line.strip()}
    assert needed, output
    assert needed <= RUNTIME_BASE_LIBRARIES, needed - RUNTIME_BASE_LIBRARIES
    assert not any("ssl" in name or "crypto" in name or "curl" in name for name in needed)

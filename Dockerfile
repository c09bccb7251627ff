# backup-checker: built with the official Swift image, run from scratch.
#
# The binary links the Swift standard library, libstdc++ and OpenSSL statically, so the runtime
# image holds only what it needs at run time, all taken from the build stage so that glibc
# matches: the shared libraries ldd lists (glibc and libgcc_s), the CA bundle (to verify Zulip,
# a heartbeat monitor and the database), the tz database (for `timezone`), passwd and group
# entries for the non-root user 10001, an empty /tmp, the expected list, and the binary.
# No shell, no package manager: debug with `docker run --rm IMAGE doctor` (see README.md).
#
# The base is named in full (registry and namespace): podman does not guess a registry for a
# short name. The RUN line that pipes runs bash with pipefail itself: SHELL is ignored in the
# OCI image format that podman builds by default. The label marks the build stage's images,
# so that the pipeline's cleanup can prune them (.gitlab-ci.yml).

FROM docker.io/library/swift:6.3.1-bookworm AS build
LABEL backup-checker.stage=build
# Unpinned on purpose: bookworm's point releases replace these packages with security fixes,
# and a pin to a superseded version would break the build.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl-dev ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
# The manifest declares the test targets and the fuzz targets' bodies, so their folders must
# exist for it to load.
COPY Tests ./Tests
COPY Fuzz/Bodies ./Fuzz/Bodies
# The one release build (static Swift runtime and libstdc++, lld, the hot functions laid out
# together), as check-deploy and the benchmark build it; it leaves a stripped copy.
COPY scripts/build-release scripts/link-order.txt ./scripts/
RUN scripts/build-release \
 && install -m 0755 .build-release/backup-checker.stripped /usr/local/bin/backup-checker
# pipefail is set by the bash this RUN names (hadolint knows only SHELL for it).
# hadolint ignore=DL4006
RUN ["/bin/bash", "-o", "pipefail", "-c", "mkdir -p /rootfs/usr/local/bin /rootfs/etc/ssl/certs /rootfs/usr/share /rootfs/app \
 && install -d -m 1777 /rootfs/tmp \
 && cp /usr/local/bin/backup-checker /rootfs/usr/local/bin/ \
 && ldd /usr/local/bin/backup-checker | grep -o '/[^ ]*' | xargs -I{} cp --parents --dereference {} /rootfs/ \
 && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
 && cp -r /usr/share/zoneinfo /rootfs/usr/share/ \
 && rm -rf /rootfs/usr/share/zoneinfo/right /rootfs/usr/share/zoneinfo/posix \
 && echo 'checker:x:10001:10001:backup-checker:/app:/nonexistent' > /rootfs/etc/passwd \
 && echo 'checker:x:10001:' > /rootfs/etc/group"]

FROM scratch
COPY --from=build /rootfs/ /
WORKDIR /app
COPY expected-backups ./expected-backups
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/backup-checker"]

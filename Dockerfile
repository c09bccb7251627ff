# backup-checker: build with the official Swift image, run on debian:bookworm-slim.
# The binary links the Swift standard library and OpenSSL statically, so the runtime stage
# needs only glibc and libstdc++ (both in bookworm-slim), plus two data files copied from the
# build stage: the CA bundle (to verify Zulip and the database) and the tz database (for
# `timezone`). No package is installed at run time, so no openssl/libssl3 comes along.

FROM swift:6.3.1-bookworm AS build
# Unpinned on purpose: bookworm's point releases replace these packages with security fixes,
# and a pin to a superseded version would break the build.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl-dev ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
# The manifest declares the test targets, so their folders must exist for it to load.
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product backup-checker \
 && install -m 0755 "$(swift build -c release --show-bin-path)/backup-checker" /usr/local/bin/backup-checker \
 && strip /usr/local/bin/backup-checker

FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 checker \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin checker
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /usr/local/bin/backup-checker /usr/local/bin/backup-checker
WORKDIR /app
COPY expected-backups ./expected-backups
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/backup-checker"]

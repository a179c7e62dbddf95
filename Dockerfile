# syntax=docker/dockerfile:1
# hush in a container, built the way hush tells its users to build theirs: two stages, the final one
# a minimal base with only the runtime libraries, a non-root user, nothing secret in ARG or ENV,
# base images pinned to exact versions. `docker build -t hush .`, then
# `docker run --rm -v "$PWD:/scan:ro" hush scan .`
FROM swift:6.3.1-bookworm AS build
# Versions are left to Debian 12's security updates (pinning them breaks the build when a fix lands).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libvectorscan-dev libpcre2-dev libarchive-dev libsodium-dev libssl-dev libsqlite3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY patterns ./patterns
COPY Tests ./Tests
RUN swift build -c release --product hush --static-swift-stdlib \
 && install -m 0755 "$(swift build -c release --show-bin-path)/hush" /usr/local/bin/hush

FROM debian:12.11-slim
# The C libraries hush links, git for repository history, CA certificates for nothing but git.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libvectorscan5 libpcre2-8-0 libarchive13 libsodium23 libssl3 libsqlite3-0 git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /scan --shell /usr/sbin/nologin hush
COPY --from=build /usr/local/bin/hush /usr/local/bin/hush
USER 10001
WORKDIR /scan
ENTRYPOINT ["hush"]
CMD ["scan", "."]

#!/usr/bin/env bash
# System tools some tests use, from Debian's packages: a JDK (ProActive's validator is compiled
# against the SDK's jars), Groovy (the runtime_env fork-environment script is run for real) and
# Neovim (its client configuration is run headless). Without them those tests skip with a reason.
# Installs only as root with apt-get; otherwise says what is missing and carries on.
set -u
need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v groovy >/dev/null 2>&1 || need+=(groovy)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "note: not installed (tests that need them will skip): ${need[*]}" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "note: could not install ${need[*]}" >&2
}
exit 0

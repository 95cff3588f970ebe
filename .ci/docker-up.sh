#!/usr/bin/env bash
# Make sure a Docker engine is running and answering, for the judge's sandbox.
# Idempotent: does nothing when `docker info` already answers.
#
# On a machine without an engine: installs Debian's docker.io with apt, starts
# dockerd in the background (no systemd on our VMs) logging to $DOCKERD_LOG, and
# waits (bounded) for it. Run as root.
#
# Env: DOCKERD_LOG (/var/log/dockerd.log), DOCKERD_WAIT seconds (60),
#      DOCKERD_EXTRA_FLAGS (appended to the dockerd command line).
set -euo pipefail

DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
DOCKERD_WAIT="${DOCKERD_WAIT:-60}"
DATA_ROOT=/var/lib/docker
# apt installs dockerd/runc/iptables into sbin, which a minimal PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf 'docker-up: %s\n' "$*" >&2; }
die() { printf 'docker-up: ERROR: %s\n' "$*" >&2; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }

# pgrep may be missing on a minimal machine; /proc is always there.
dockerd_running() {
    local c
    for c in /proc/[0-9]*/comm; do
        [[ "$(cat "$c" 2>/dev/null)" == dockerd ]] && return 0
    done
    return 1
}

report() {
    # The client on PATH (/usr/local/bin/docker on our VMs) is newer than Debian's
    # engine (API 1.41); it negotiates the API version down by itself, so
    # DOCKER_API_VERSION is not needed. Show what was negotiated.
    log "engine up: $(docker version --format 'server {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}} using API {{.Client.APIVersion}}' 2>/dev/null || echo '?')"
    log "storage driver: $(docker info --format '{{.Driver}}, cgroup {{.CgroupVersion}}/{{.CgroupDriver}}' 2>/dev/null || echo '?')"
}

[[ $EUID -eq 0 ]] || die "must run as root"

if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then
    if ! command -v dockerd >/dev/null 2>&1; then
        log "installing docker.io with apt"
        export DEBIAN_FRONTEND=noninteractive
        # Without systemd, keep the package's maintainer scripts from trying to
        # start the service themselves: we start dockerd below, with our flags.
        created_policy=0
        if [[ ! -d /run/systemd/system && ! -e /usr/sbin/policy-rc.d ]]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
            chmod 755 /usr/sbin/policy-rc.d
            created_policy=1
        fi
        apt-get update -qq
        # iptables, containerd, runc, tini come in as hard dependencies.
        rc=0
        apt-get install -y -qq --no-install-recommends docker.io >/tmp/docker-up-apt.log 2>&1 || rc=$?
        [[ $created_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
        if [[ $rc -ne 0 ]]; then
            tail -n 30 /tmp/docker-up-apt.log >&2
            die "apt-get install docker.io failed (exit $rc)"
        fi
    fi
    command -v docker >/dev/null 2>&1 || die "no docker client on PATH after installing docker.io"
fi

if engine_answers; then
    report
    exit 0
fi

if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    # A normal systemd machine: let the packaged unit run the engine.
    log "starting docker.service via systemd"
    systemctl start docker.service || true
elif ! dockerd_running; then
    # Leftovers of a dockerd killed without cleanup (e.g. the machine's session
    # ended): a pid file naming a now-reused pid makes dockerd refuse to start,
    # and a stale containerd pid file could make it signal an unrelated process.
    rm -f /var/run/docker.pid
    cpid_file=/var/run/docker/containerd/containerd.pid
    if [[ -f $cpid_file ]]; then
        cpid="$(cat "$cpid_file" 2>/dev/null || true)"
        if [[ -z $cpid || "$(cat "/proc/$cpid/comm" 2>/dev/null || true)" != containerd ]]; then
            rm -f "$cpid_file"
        fi
    fi

    # Flags, and why:
    # - overlay2: fast copy-on-write, works on this VM's ext4 root; it cannot be
    #   stacked on an overlayfs/tmpfs root (docker-in-docker), so fall back to
    #   vfs there (slow but works everywhere).
    # - cgroupfs: there is no systemd to delegate cgroups to. The host is a
    #   cgroup v1/v2 hybrid (v2 only at /sys/fs/cgroup/unified), so dockerd uses
    #   the v1 controllers, where memory/pids/cpu limits work.
    # - default bridge + iptables kept: Debian's iptables (nft backend) works
    #   here, and `docker run` without --network keeps its usual meaning. The
    #   judge's sandboxes use --network none anyway.
    mkdir -p "$DATA_ROOT"
    root_fs="$(stat -f -c %T "$DATA_ROOT" 2>/dev/null || echo unknown)"
    if grep -qw overlay /proc/filesystems && [[ $root_fs != overlayfs && $root_fs != tmpfs ]]; then
        driver=overlay2
    else
        driver=vfs
    fi
    flags=(--data-root "$DATA_ROOT" --storage-driver "$driver"
           --exec-opt native.cgroupdriver=cgroupfs)
    if [[ -n ${DOCKERD_EXTRA_FLAGS:-} ]]; then
        read -r -a extra <<<"$DOCKERD_EXTRA_FLAGS"
        flags+=("${extra[@]}")
    fi
    log "starting dockerd ${flags[*]} (log: $DOCKERD_LOG)"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    printf '\n=== %s docker-up: dockerd %s\n' "$(date -u +%FT%TZ)" "${flags[*]}" >>"$DOCKERD_LOG"
    # setsid: detach from our session so dockerd outlives this script and the
    # CI step that called it.
    setsid -f dockerd "${flags[@]}" </dev/null >>"$DOCKERD_LOG" 2>&1
else
    log "dockerd is running but not answering yet; waiting"
fi

deadline=$((SECONDS + DOCKERD_WAIT))
until engine_answers; do
    if ((SECONDS >= deadline)); then
        log "docker info still fails after ${DOCKERD_WAIT}s; last lines of $DOCKERD_LOG:"
        tail -n 40 "$DOCKERD_LOG" >&2 || true
        docker info 2>&1 | tail -n 5 >&2 || true
        die "docker engine did not come up"
    fi
    if ! [[ -d /run/systemd/system ]] && ! dockerd_running; then
        log "dockerd exited; last lines of $DOCKERD_LOG:"
        tail -n 40 "$DOCKERD_LOG" >&2 || true
        die "dockerd failed to start"
    fi
    sleep 0.5
done
report

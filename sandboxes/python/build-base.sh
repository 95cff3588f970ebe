#!/usr/bin/env bash
# Build the offline sandbox base image `judge-python-base:bookworm` from Debian
# packages only (debootstrap + docker import), for machines that reach the Debian
# mirror but no container registry.
#
# Usage: bash sandboxes/python/build-base.sh [--force]
#   --force   rebuild even when the image already exists
# Env:    BASE_TAG (default judge-python-base:bookworm), SUITE (default bookworm)
# Needs root (debootstrap, chroot) and a running docker engine.
set -euo pipefail

BASE_TAG="${BASE_TAG:-judge-python-base:bookworm}"
SUITE="${SUITE:-bookworm}"
SOURCES_FILE="${SOURCES_FILE:-/etc/apt/sources.list.d/debian.sources}"
FORCE=0

log() { printf 'build-base: %s\n' "$*" >&2; }
die() { printf 'build-base: ERROR: %s\n' "$*" >&2; exit 1; }

for arg in "$@"; do
    case "$arg" in
        --force) FORCE=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) die "unknown argument: $arg" ;;
    esac
done

[[ $EUID -eq 0 ]] || die "must run as root (debootstrap/chroot)"
docker info >/dev/null 2>&1 || die "docker engine not reachable (run .ci/docker-up.sh first)"

if [[ $FORCE -eq 0 ]] && docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    log "$BASE_TAG already present, nothing to do (use --force to rebuild)"
    exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1 && [[ ! -x /usr/sbin/debootstrap ]]; then
    log "installing debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
PATH="$PATH:/usr/sbin:/sbin"

# Use the same mirror as the host (deb822 sources file), so we only ever talk
# to the package mirror this machine is allowed to reach.
mirror_for() { # $1 = suite to look for; prints the first URI of a stanza listing it
    [[ -r $SOURCES_FILE ]] || return 0
    awk -v want="$1" '
        BEGIN { RS=""; FS="\n" }
        {
            uri=""; hit=0
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^URIs:/)   { split($i, a, /[ \t]+/); uri = a[2] }
                if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == want) hit = 1 }
            }
            if (hit && uri != "") { print uri; exit }
        }' "$SOURCES_FILE"
}
MIRROR="${MIRROR:-$(mirror_for "$SUITE")}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${SECURITY_MIRROR:-$(mirror_for "$SUITE-security")}"
SECURITY_MIRROR="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/judge-base.XXXXXX")"
ROOTFS="$WORK/rootfs"
cleanup() {
    # Unmount whatever a failed debootstrap/chroot step left mounted (proc, sys)
    # before deleting; --one-file-system is the safety net.
    local m
    awk -v r="$ROOTFS/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done
    rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

start=$SECONDS
log "debootstrap $SUITE (minbase) from $MIRROR"
if ! debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    [[ -f $ROOTFS/debootstrap/debootstrap.log ]] && tail -n 30 "$ROOTFS/debootstrap/debootstrap.log" >&2
    die "debootstrap failed"
fi

# Keep docs, man pages and translations out of the image (same idea as Debian's
# own "slim" images). Copyright files stay.
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/90-judge-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
cat >"$ROOTFS/etc/apt/apt.conf.d/90-judge" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
# debootstrap only knows the main suite: add updates + security so the sandbox
# gets current libc/python fixes.
cat >"$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
# No daemons may start inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"

mount -t proc proc "$ROOTFS/proc"
log "installing python3, pip (+ $SUITE-updates/-security); numpy/pandas come as pinned wheels"
if ! chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 /bin/sh -euc '
    apt-get update -qq --error-on=any
    apt-get -y -qq dist-upgrade
    apt-get -y -qq install python3 python3-pip
    apt-get -y -qq autoremove --purge
    apt-get clean
' >"$WORK/apt.log" 2>&1; then
    tail -n 40 "$WORK/apt.log" >&2
    die "package installation in the chroot failed"
fi
umount "$ROOTFS/proc"

# Trim what the image never needs at run time; the files debootstrap itself
# wrote before the dpkg excludes existed go here too.
rm -f "$ROOTFS/usr/sbin/policy-rc.d"
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/cache/debconf/*-old \
       "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/var/tmp/* \
       "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/lintian/*
find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete
find "$ROOTFS/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
# Docker bind-mounts these at run time; don't bake in the host's values.
: >"$ROOTFS/etc/resolv.conf"
: >"$ROOTFS/etc/hostname"
[[ -e $ROOTFS/etc/machine-id ]] && : >"$ROOTFS/etc/machine-id"

chroot "$ROOTFS" python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || die "python3 does not work in the new rootfs"

log "importing rootfs ($(du -sh "$ROOTFS" | cut -f1)) as $BASE_TAG"
tar --numeric-owner --xattrs -C "$ROOTFS" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    --message "debootstrap $SUITE minbase + python3 pip" \
    - "$BASE_TAG" >/dev/null
log "built $BASE_TAG in $((SECONDS - start))s"

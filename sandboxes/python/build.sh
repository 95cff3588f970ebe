#!/usr/bin/env bash
# Build the judge's Python sandbox image.
#
# Usage: bash sandboxes/python/build.sh [TAG]        (default TAG: judge-python:dev)
#
# Base image, decided here so `make sandbox` works everywhere:
#   - python:3.11-slim when it is present locally or can be pulled within
#     $PULL_TIMEOUT seconds (machines with a container registry);
#   - otherwise judge-python-base:bookworm, made from Debian packages by
#     build-base.sh (our machines: no container registry).
# JUDGE_SANDBOX_BASE=official|debian forces one (default: auto).
#
# The wheels the image needs are downloaded with pip on the host into
# wheels/<base kind>/ (kept as a cache, git-ignored), so `docker build` itself
# runs with --network none.
#
# The libraries are the pinned set of judge/sandbox/environment.py (numpy,
# pandas, duckdb and pandas's own dependencies), installed from wheels on both
# bases, so the image and the local sandbox (the judge's own interpreter, pinned
# the same in pyproject.toml) offer the same modules at the same versions.
#
# Env: PULL_TIMEOUT (20), PYTHON (python3, used for pip download).
set -euo pipefail

TAG="${1:-judge-python:dev}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OFFICIAL_BASE="${OFFICIAL_BASE:-python:3.11-slim}"
DEBIAN_BASE="${DEBIAN_BASE:-judge-python-base:bookworm}"
MODE="${JUDGE_SANDBOX_BASE:-auto}"
PULL_TIMEOUT="${PULL_TIMEOUT:-20}"
PYTHON="${PYTHON:-python3}"
ROOT="$(cd "$HERE/../.." && pwd)"

log() { printf 'sandbox-build: %s\n' "$*" >&2; }
die() { printf 'sandbox-build: ERROR: %s\n' "$*" >&2; exit 1; }

[[ $# -le 1 ]] || die "usage: build.sh [TAG]"
case "$MODE" in auto|official|debian) ;; *) die "JUDGE_SANDBOX_BASE must be auto, official or debian (got '$MODE')" ;; esac
command -v docker >/dev/null 2>&1 || die "no docker client on PATH (run .ci/docker-up.sh as root)"
docker info >/dev/null 2>&1 || die "docker engine not reachable (run .ci/docker-up.sh as root)"

# -I: the script's own folder (judge/sandbox, with its select.py) stays off sys.path.
mapfile -t reqs < <("$PYTHON" -I "$ROOT/judge/sandbox/environment.py") \
    || die "cannot read the pinned libraries from judge/sandbox/environment.py with $PYTHON"
[[ ${#reqs[@]} -gt 0 ]] || die "judge/sandbox/environment.py pins nothing"
DUCKDB_VERSION=""
for r in "${reqs[@]}"; do [[ ${r%%==*} == duckdb ]] && DUCKDB_VERSION="${r#*==}"; done
[[ -n $DUCKDB_VERSION ]] || die "judge/sandbox/environment.py pins no duckdb"

start=$SECONDS

# --- pick the base ------------------------------------------------------------
base=""
if [[ $MODE != debian ]]; then
    if docker image inspect "$OFFICIAL_BASE" >/dev/null 2>&1; then
        base="$OFFICIAL_BASE"
    else
        log "trying to pull $OFFICIAL_BASE (at most ${PULL_TIMEOUT}s)"
        if timeout "$PULL_TIMEOUT" docker pull -q "$OFFICIAL_BASE" >/dev/null 2>&1; then
            base="$OFFICIAL_BASE"
        elif [[ $MODE == official ]]; then
            die "cannot pull $OFFICIAL_BASE and JUDGE_SANDBOX_BASE=official"
        else
            log "no $OFFICIAL_BASE available; using the Debian-package base $DEBIAN_BASE"
        fi
    fi
fi
if [[ -z $base ]]; then
    bash "$HERE/build-base.sh" || die "building $DEBIAN_BASE failed"
    base="$DEBIAN_BASE"
    kind=debian
else
    kind=official
fi

# --- wheels into the build context --------------------------------------------
wheel_dir="$HERE/wheels/$kind"
mkdir -p "$wheel_dir"
printf '%s\n' "${reqs[@]}" >"$wheel_dir/requirements.txt"

# A wheel's file name spells its project with underscores: python_dateutil-2.9.0...
wheel_glob() { local name="${1%%==*}" version="${1#*==}"; echo "${name//-/_}-${version}-*.whl"; }
have_all=1
for r in "${reqs[@]}"; do
    name="${r%%==*}"
    # Only the pinned version of each library in the context: a stale one is never installed.
    find "$wheel_dir" -maxdepth 1 -name "${name//-/_}-*.whl" ! -name "$(wheel_glob "$r")" -delete
    compgen -G "$wheel_dir/$(wheel_glob "$r")" >/dev/null || have_all=0
done
if [[ $have_all -eq 0 ]]; then
    arch="$(uname -m)"
    log "downloading wheels (${reqs[*]}) for cp311 linux/$arch into ${wheel_dir#"$HERE"/}"
    # Explicit target tags: the image's Python (3.11, glibc >= 2.28), not the
    # host's. pip does not widen a manylinux tag, so list the usual ones.
    if ! "$PYTHON" -m pip download --disable-pip-version-check --quiet \
            --dest "$wheel_dir" --only-binary=:all: --no-deps \
            --implementation cp --python-version 3.11 --abi cp311 \
            --platform "manylinux_2_28_$arch" --platform "manylinux_2_17_$arch" \
            --platform "manylinux2014_$arch" \
            "${reqs[@]}" >"$wheel_dir/../pip-download.log" 2>&1; then
        grep -v 'is ignored: it is neither a file nor a directory' "$wheel_dir/../pip-download.log" | tail -n 20 >&2
        die "pip download of ${reqs[*]} failed"
    fi
fi

# --- build --------------------------------------------------------------------
log "building $TAG on base $base (${reqs[*]})"
old_id="$(docker image inspect --format '{{.Id}}' "$TAG" 2>/dev/null || true)"
build_log="$(mktemp "${TMPDIR:-/tmp}/judge-sandbox-build.XXXXXX")"
trap 'rm -f "$build_log"' EXIT
# --network none: everything the build installs is already in the context.
if ! docker build --network none \
        --build-arg "BASE_IMAGE=$base" \
        --build-arg "WHEELS=wheels/$kind" \
        --build-arg "DUCKDB_VERSION=$DUCKDB_VERSION" \
        -t "$TAG" -f "$HERE/Dockerfile" "$HERE" >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    die "docker build of $TAG failed"
fi

# Same constraints as the judge uses, so a broken image fails here, not later.
if ! out="$(docker run --rm --network none --read-only --tmpfs /scratch:size=16m \
        --user 65534:65534 --cap-drop ALL --security-opt no-new-privileges \
        "$TAG" python3 -c 'import duckdb, numpy, pandas; print(duckdb.__version__, numpy.__version__, pandas.__version__)' 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "smoke test of $TAG failed"
fi
want="$DUCKDB_VERSION"
for r in "${reqs[@]}"; do [[ ${r%%==*} == numpy ]] && want+=" ${r#*==}"; done
for r in "${reqs[@]}"; do [[ ${r%%==*} == pandas ]] && want+=" ${r#*==}"; done
[[ $out == "$want" ]] || die "image has duckdb/numpy/pandas '$out', expected '$want'"

# A rebuild under the same tag leaves the previous image dangling; drop it
# (fails harmlessly if a container still uses it).
new_id="$(docker image inspect --format '{{.Id}}' "$TAG")"
if [[ -n $old_id && $old_id != "$new_id" ]]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
fi

size="$(docker image inspect --format '{{.Size}}' "$TAG")"
log "built $TAG on base $base ($kind), $((size / 1000000)) MB, in $((SECONDS - start))s"
echo "$TAG base=$base"

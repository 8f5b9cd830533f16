#!/usr/bin/env bash
# Regenerates the committed wasm-bindgen fixtures of wasm-recovery (test/fixtures/wasm/) from our own
# crate (test/fixtures/crate). It is a developer's tool, NOT run by CI or by the tests: the tests use
# the committed outputs, and the Debian suites this reads from move on (old versions disappear).
#
#   bash scripts/build-fixtures.sh           regenerate everything (see build_all below):
#                                            abort/<7 targets>, unwind/{nodejs,bundler,web},
#                                            reset-state/module
#   bash scripts/build-fixtures.sh CRATE_DIR OUT_DIR [TARGET...]   one build (the primitive)
#
# It builds REAL wasm-bindgen output on a machine that reaches only the npm registry and Debian's
# archive. Nothing is installed system-wide: Debian packages are downloaded with a private apt
# configuration and unpacked into a work folder (default ~/.cache/wasm-fixture-toolchain, outside
# the repo, and so are the cargo target dirs):
#   - the wasm-bindgen CLI: Debian package `wasm-bindgen` (unstable suite), with the matching crate
#     `librust-wasm-bindgen-dev` and its dependency crates;
#   - the wasm32 standard library: built from Debian's `rust-src` of the SAME version as the stable
#     rustc on this machine (rustup), via RUSTC_BOOTSTRAP=1 and -Zbuild-std.
# A developer with a normal Rust setup (rustup target wasm32-unknown-unknown + crates.io) can instead
# run `cargo build --release --target wasm32-unknown-unknown` in test/fixtures/crate and their own
# `wasm-bindgen --target T --out-dir ...` CLI of the crate's wasm-bindgen version, with the same
# RUSTFLAGS as below for unwind; record the versions in TOOLCHAIN.txt by hand.
#
# One build: TARGETs: any of nodejs bundler web no-modules deno module experimental-nodejs-module
#   (default: all)
#   env PANIC=unwind builds with panic=unwind + wasm exception handling (PanicError glue);
#   env WBG_FLAGS passes extra CLI flags (e.g. --experimental-reset-state-function, module target only);
#   env EXTRA_CRATES adds Debian crate packages (e.g. "librust-wasm-bindgen-futures-dev librust-js-sys-dev");
#   env WORK sets the work folder (default: a cache under ~/.cache).
# The CLI and the crate versions are read from the archive and must agree; the script stops if not.
set -euo pipefail

build_all() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local crate="$root/test/fixtures/crate" out="$root/test/fixtures/wasm" self="${BASH_SOURCE[0]}"
  export EXTRA_CRATES="librust-wasm-bindgen-futures-dev librust-js-sys-dev"
  rm -rf "${out:?}/abort" "$out/unwind" "$out/reset-state"
  # Cargo.lock is not committed (Debian's crates carry no crates.io checksums): resolve afresh
  rm -f "$crate/Cargo.lock"
  PANIC=abort WBG_FLAGS= bash "$self" "$crate" "$out/abort"
  PANIC=unwind WBG_FLAGS= bash "$self" "$crate" "$out/unwind" nodejs bundler web
  PANIC=abort WBG_FLAGS=--experimental-reset-state-function bash "$self" "$crate" "$out/reset-state" module
  # no absolute path of the building machine may end up in the committed files
  if grep -rlE "$HOME|$root|${WORK:-$HOME/.cache}|/work/|/root/|/home/" "$out"; then
    echo "error: absolute paths leaked into the files above" >&2; exit 1
  fi
  echo "all fixtures rebuilt under $out"
}
if [ $# -eq 0 ]; then build_all; exit 0; fi
CRATE="$(cd "$1" && pwd)"; OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2
TARGETS=("$@"); [ ${#TARGETS[@]} -gt 0 ] || TARGETS=(nodejs bundler web no-modules deno module experimental-nodejs-module)
WORK="${WORK:-$HOME/.cache/wasm-fixture-toolchain}"
RUSTC="${RUSTC:-$(rustup which rustc --toolchain stable 2>/dev/null || command -v rustc)}"
CARGO="${CARGO:-$(rustup which cargo --toolchain stable 2>/dev/null || command -v cargo)}"

# the Debian archive this machine already uses (first URI of its main-archive source), other suites
MIRROR="$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -E '^(URIs:|deb )' \
  | grep -v security | sed -E 's/^URIs:[[:space:]]*//; s/^deb (\[[^]]*\] )?//; s/[[:space:]].*//' | sed -n 1p || true)"
[ -n "$MIRROR" ] || { echo "no Debian archive configured in apt sources" >&2; exit 1; }
KEY=/usr/share/keyrings/debian-archive-keyring.gpg
mkdir -p "$WORK"/apt/lists/partial "$WORK"/apt/cache/archives/partial "$WORK"/debs
: > "$WORK/apt/status"
{ for s in sid trixie-backports trixie; do echo "deb [signed-by=$KEY] $MIRROR $s main"; done; } > "$WORK/apt/sources.list"
APT=(-o "Dir::Etc::sourcelist=$WORK/apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent
     -o "Dir::State::Lists=$WORK/apt/lists" -o "Dir::Cache=$WORK/apt/cache"
     -o "Dir::State::status=$WORK/apt/status" -o APT::Architecture=amd64 -o APT::Sandbox::User=root)
apt-get "${APT[@]}" -qq update
ver() { apt-cache "${APT[@]}" madison "$1" | awk -F'|' '{gsub(/ /,"",$2); print $2}'; }
RUSTC_VER="$("$RUSTC" --version | awk '{print $2}')"
SRC_VER="$(ver rust-src | grep -E "^${RUSTC_VER//./\\.}\+" | head -n1 || true)"
[ -n "$SRC_VER" ] || { echo "no Debian rust-src matching rustc $RUSTC_VER" >&2; exit 1; }
CLI_VER="$(ver wasm-bindgen | head -n1)"; WB_VER="${CLI_VER%%+*}"; WB_VER="${WB_VER%%-*}"
CRATE_DEB_VER="$(ver librust-wasm-bindgen-dev | grep -E "^${WB_VER//./\\.}-" | head -n1 || true)"
[ -n "$CRATE_DEB_VER" ] || { echo "no librust-wasm-bindgen-dev $WB_VER to match CLI $CLI_VER" >&2; exit 1; }

cd "$WORK/debs" && rm -f ./*.deb
CLOSURE=$(apt-cache "${APT[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances --no-pre-depends "librust-wasm-bindgen-dev=$CRATE_DEB_VER" ${EXTRA_CRATES:-} \
  | grep -E '^librust' | sort -u | grep -v '^librust-wasm-bindgen-dev$')
apt-get "${APT[@]}" -qq download "rust-src=$SRC_VER" "wasm-bindgen=$CLI_VER" "librust-wasm-bindgen-dev=$CRATE_DEB_VER" $CLOSURE
X="$WORK/x"; rm -rf "$X" && mkdir -p "$X/src" "$X/reg" "$X/cli"
dpkg-deb --fsys-tarfile rust-src_*.deb | tar -x -C "$X/src" --wildcards './usr/src/rustc-*/library/*'
dpkg-deb -x wasm-bindgen_*.deb "$X/cli"
for f in librust-*.deb; do dpkg-deb -x "$f" "$X/reg"; done
LIB="$(echo "$X"/src/usr/src/rustc-*/library)"
REG="$WORK/registry"; rm -rf "$REG" && mkdir -p "$REG"
for d in "$X"/reg/usr/share/cargo/registry/*; do ln -s "$d" "$REG/"; done
for d in "$LIB"/vendor/*; do ln -sfn "$d" "$REG/$(basename "$d")"; done
mkdir -p "$WORK/cargo-home"
printf '[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "%s"\n[net]\noffline = true\n' "$REG" > "$WORK/cargo-home/config.toml"

export CARGO_HOME="$WORK/cargo-home" CARGO_TARGET_DIR="$WORK/target-${PANIC:-abort}"
export RUSTC_BOOTSTRAP=1 __CARGO_TESTS_ONLY_SRC_ROOT="$LIB" RUSTC
PREFIX="--remap-path-prefix=$(cd "$WORK" && pwd -P)=/wbg --remap-path-prefix=$CRATE=/crate"
if [ "${PANIC:-abort}" = unwind ]; then
  # reference-types off: wasm-bindgen 0.2.108 emits an invalid module with them under unwind
  export RUSTFLAGS="$PREFIX -Cpanic=unwind -Ctarget-feature=+exception-handling,-reference-types"
  STD=std,panic_unwind,panic_abort
else
  export RUSTFLAGS="$PREFIX"; STD=std,panic_abort
fi
( cd "$CRATE" && "$CARGO" build --release --target wasm32-unknown-unknown -Zbuild-std=$STD )
NAME="$(sed -nE 's/^name *= *"([^"]+)".*/\1/p' "$CRATE/Cargo.toml" | head -n1 | tr - _)"
WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"
for t in "${TARGETS[@]}"; do
  rm -rf "${OUT:?}/$t"; "$X/cli/usr/bin/wasm-bindgen" --target "$t" ${WBG_FLAGS:-} --out-dir "$OUT/$t" "$WASM"
  # Tell Node how to read the glue whatever package.json sits above it (only
  # experimental-nodejs-module gets one from the CLI): nodejs is CommonJS, no-modules a plain script.
  case "$t" in nodejs|no-modules) type=commonjs ;; *) type=module ;; esac
  [ -f "$OUT/$t/package.json" ] || printf '{\n  "type": "%s"\n}\n' "$type" > "$OUT/$t/package.json"
done
# the crate versions cargo resolved (from the crate's Cargo.lock), e.g. "js-sys 0.3.85"
CRATES="$(awk '/^name = /{gsub(/"/,"",$3); n=$3} /^version = /{gsub(/"/,"",$3); if (n != "") print n" "$3; n=""}' \
  "$CRATE/Cargo.lock" | grep -v "^$NAME " | paste -sd, - | sed 's/,/, /g')"
printf 'rustc %s\nrust-src %s\nwasm-bindgen-cli %s\nwasm-bindgen crate %s\npanic %s\nwasm-bindgen flags %s\ntargets %s\ncrates %s\n' \
  "$("$RUSTC" --version)" "$SRC_VER" "$CLI_VER" "$CRATE_DEB_VER" "${PANIC:-abort}" "${WBG_FLAGS:-(none)}" "${TARGETS[*]}" \
  "$CRATES" > "$OUT/TOOLCHAIN.txt"
echo "built: $OUT (${TARGETS[*]})"

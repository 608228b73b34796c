#!/usr/bin/env bash
# Makes a local Docker base image for dynamically linked programs built on this host (Rust binaries
# linked against the host's glibc), without any registry: the root filesystem holds only the shared
# libraries that `ldd` names for the given binaries (dynamic loader included), copied to the paths
# ldd prints, plus a few minimal files (/etc/passwd, /etc/group, /etc/nsswitch.conf, /etc/hosts,
# CA certificates when the host has them, /tmp). It is `docker import`ed as IMAGE.
#
#   src/it/docker-base-image.sh [--image IMAGE] BINARY...
#
# IMAGE defaults to $HOTRELOAD_BASE_IMAGE or hotreload-it/base:latest. The library set (path and
# content hash of every file) is kept in the image label io.github.hotreload.base.libs; the image is
# rebuilt only when that set changes, and a rebuild keeps the libraries the previous image had, so
# calls for different binaries do not undo each other. Prints the image name on stdout.
# Statically linked binaries need no libraries (use `FROM scratch` for them).
set -euo pipefail

image="${HOTRELOAD_BASE_IMAGE:-hotreload-it/base:latest}"
label=io.github.hotreload.base.libs
format=v1 # bump when the minimal files below change

bins=()
while (($#)); do
    case "$1" in
        -i | --image) image="$2"; shift 2 ;;
        --image=*) image="${1#--image=}"; shift ;;
        -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; bins+=("$@"); break ;;
        -*) echo "docker-base-image: unknown option $1" >&2; exit 2 ;;
        *) bins+=("$1"); shift ;;
    esac
done
if ((${#bins[@]} == 0)); then
    echo "usage: $0 [--image IMAGE] BINARY..." >&2
    exit 2
fi

# one caller at a time per image (parallel test runs)
if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/hotreload-base-image.$(id -u).$(printf %s "$image" | tr -c 'A-Za-z0-9._-' _).lock"
    flock 9
fi

# the libraries the binaries need, as absolute paths in ldd's spelling
declare -A libs=()
for bin in "${bins[@]}"; do
    if [ ! -f "$bin" ]; then
        echo "docker-base-image: no such file: $bin" >&2
        exit 1
    fi
    out="$(ldd "$bin" 2>&1)" || {
        # "not a dynamic executable": static, needs nothing
        if [[ "$out" == *"not a dynamic executable"* ]]; then continue; fi
        echo "docker-base-image: ldd $bin failed: $out" >&2
        exit 1
    }
    if [[ "$out" == *"not found"* ]]; then
        echo "docker-base-image: $bin needs libraries this host lacks:" >&2
        grep 'not found' <<<"$out" >&2
        exit 1
    fi
    while read -r a b c _; do
        # "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
        if [ "$b" = "=>" ]; then path="$c"; else path="$a"; fi
        if [[ "$path" == /* ]]; then libs["$path"]=1; fi
    done <<<"$out"
done

# what the existing image has; keep those libraries (when the host still has them)
existing=""
if docker image inspect "$image" >/dev/null 2>&1; then
    existing="$(docker image inspect -f "{{index .Config.Labels \"$label\"}}" "$image" 2>/dev/null || true)"
    for entry in $existing; do
        path="${entry%@*}"
        if [[ "$path" == /* && -e "$path" ]]; then libs["$path"]=1; fi
    done
fi

if ((${#libs[@]} == 0)); then
    echo "docker-base-image: the binaries are statically linked; no libraries to add" >&2
fi

# the set: "path@sha256-prefix", sorted
set_entries=()
if ((${#libs[@]})); then
    while read -r sum path; do
        set_entries+=("$path@${sum:0:16}")
    done < <(printf '%s\0' "${!libs[@]}" | sort -z | xargs -0 sha256sum -- | sed 's/^\\//')
fi
want="$format ${set_entries[*]:-}"
want="${want% }"

if [ "$existing" = "$want" ]; then
    echo "docker-base-image: $image is up to date (${#set_entries[@]} libraries)" >&2
    echo "$image"
    exit 0
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/hotreload-base.XXXXXX")"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
for path in "${!libs[@]}"; do
    mkdir -p "$root$(dirname "$path")"
    cp -L "$path" "$root$path" # the loader's symlink (/lib64/ld-linux-x86-64.so.2) becomes the file
done
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$root/etc/ssl/certs"
    cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi

old="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
tar -C "$root" --numeric-owner --owner=0 --group=0 -cf - . |
    docker import --change "LABEL $label=\"$want\"" - "$image" >/dev/null
new="$(docker image inspect -f '{{.Id}}' "$image")"
# the replaced image, when no container uses it any more
if [ -n "$old" ] && [ "$old" != "$new" ]; then docker rmi "$old" >/dev/null 2>&1 || true; fi
echo "docker-base-image: built $image (${#set_entries[@]} libraries)" >&2
echo "$image"

# Shared by scripts/bench, scripts/instructions and scripts/profile
# (sourced, not run). They set `statutes` (the real statutes to replicate)
# and `generator` (the make_corpus example of their build) first.

# A generated corpus of SIZE MB in DIR, made once (kept while DIR/.done is).
make() { # SIZE DIR
    if [ ! -f "$2/.done" ]; then
        rm -rf "$2"
        "$generator" "$statutes" "$2" "$1" >&2
        touch "$2/.done"
    fi
}

# Valgrind, installed when missing (CI's image and new machines lack it).
need_valgrind() {
    if ! command -v valgrind >/dev/null; then
        echo "installing valgrind for instruction counts" >&2
        apt-get install -y -qq valgrind >/dev/null 2>&1 || true
    fi
}

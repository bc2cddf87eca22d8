# Sourced by the sanitizer and fuzz stages: the one instrumented build they share (clang,
# ASan + UBSan, libFuzzer's coverage hooks), so the host's sources are compiled instrumented
# once for both instead of twice. -O1 with line tables only is what a sanitizer report needs and
# compiles much faster than -O2 -g; the heavy headers are precompiled (OG_PCH).
#   og_instrumented_build TARGET...   configures (once) and builds those targets; 0 on success
# Needs ROOT; honours OG_BUILD_DIR, OG_INSTRUMENTED_BUILD_DIR and OG_JOBS. Logs in the folder.
OG_INSTRUMENTED=${OG_INSTRUMENTED_BUILD_DIR:-$(dirname "${OG_BUILD_DIR:-$ROOT/build}")/build-instrumented}

og_instrumented_build() {
    mkdir -p "$OG_INSTRUMENTED"
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    if [[ ! -f $OG_INSTRUMENTED/CMakeCache.txt ]]; then
        CC=clang CXX=clang++ cmake -S "$ROOT" -B "$OG_INSTRUMENTED" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
            "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
            -DOG_SANITIZE=ON -DOG_FUZZ=ON "${launcher[@]}" \
            >"$OG_INSTRUMENTED/og-configure.log" 2>&1 || {
            tail -20 "$OG_INSTRUMENTED/og-configure.log"
            return 1
        }
    fi
    # shellcheck disable=SC2046
    cmake --build "$OG_INSTRUMENTED" -j"${OG_JOBS:-2}" $(printf -- '--target %s ' "$@") \
        >>"$OG_INSTRUMENTED/og-build.log" 2>&1 || {
        grep -E 'error' "$OG_INSTRUMENTED/og-build.log" | head -20
        return 1
    }
}

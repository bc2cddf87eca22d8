// Compiled only when building for linux or macos (og_module's posix suffix).
const char* base_posix() {
    return "posix";
}

// Compiled only when building for macos (og_module's platform suffixes).
const char* base_platform() { return "macos"; }

// Compiled only when building for linux (og_module's platform suffixes).
const char* base_platform() { return "linux"; }

// Compiled only when building for windows (og_module's platform suffixes).
const char* base_platform() { return "windows"; }

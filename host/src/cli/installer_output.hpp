#pragma once
// What install and uninstall print, as the Windows installer can show it. NSIS shows a program's
// output in its details pane and reads it as UTF-16LE when it looks like that, otherwise in the
// ANSI code page, so UTF-8 turns « café » into « cafÃ© » (tested under wine). The installer sets
// OPTOUT_GUIDE_OUTPUT=utf-16le before it runs us; nobody else does.
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace og::cli {

// UTF-8 text as UTF-16LE bytes, each "\n" as "\r\n" (Windows' line end); an ill-formed byte
// becomes U+FFFD.
std::string utf16le_lines(std::string_view utf8);

// `run(out, err)`, or, when OPTOUT_GUIDE_OUTPUT is utf-16le, `run` writing both streams (in the
// order written, as the installer's single log shows them) to `out` in UTF-16LE.
int with_installer_output(std::ostream& out, std::ostream& err,
                          const std::function<int(std::ostream&, std::ostream&)>& run);

}  // namespace og::cli

#pragma once
// Where the host keeps its files, following the XDG base-directory rules so that tests (and
// users) can move everything by setting HOME or XDG_*_HOME.
#include <filesystem>

namespace og::paths {

// $HOME, or the password database's home when HOME is unset or empty.
std::filesystem::path home_dir();

// $XDG_<X>_HOME when it is an absolute path, else the XDG default under home_dir().
std::filesystem::path config_home();  // ~/.config
std::filesystem::path state_home();   // ~/.local/state
std::filesystem::path data_home();    // ~/.local/share

// <xdg home>/optout-guide
std::filesystem::path config_dir();
std::filesystem::path state_dir();
std::filesystem::path data_dir();

std::filesystem::path log_file();              // state_dir()/host.log
std::filesystem::path catalog_override_dir();  // config_dir()/catalog

}  // namespace og::paths

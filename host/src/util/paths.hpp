#pragma once
// Where the host keeps its files, following the XDG base-directory rules so that tests (and
// users) can move everything by setting HOME or XDG_*_HOME. The only place these rules live:
// the store's location and the installer's environment come from here.
// On Windows all four homes are the local application data (known-folder API), so everything
// lives in %LOCALAPPDATA%\optout-guide\; an absolute XDG_*_HOME still moves it (tests).
#include <filesystem>

namespace og::paths {

// $HOME, or the password database's home when HOME is unset or empty (Windows: the profile).
std::filesystem::path home_dir();

// $XDG_<X>_HOME when it is an absolute path, else the XDG default under home_dir().
std::filesystem::path config_home();  // ~/.config
std::filesystem::path state_home();   // ~/.local/state
std::filesystem::path data_home();    // ~/.local/share
std::filesystem::path cache_home();   // ~/.cache

// <xdg home>/optout-guide, for any of the homes above (the installer passes its own).
std::filesystem::path app_dir(const std::filesystem::path& xdg_home);
std::filesystem::path config_dir();  // app_dir(config_home())
std::filesystem::path state_dir();   // app_dir(state_home())
std::filesystem::path data_dir();    // app_dir(data_home())

std::filesystem::path log_file();              // state_dir()/host.log
std::filesystem::path catalog_override_dir();  // config_dir()/catalog
std::filesystem::path store_file();            // data_dir()/progress.db
// app_dir(cache_home())/catalog: validated overrides, packed (builtin/builtin.hpp)
std::filesystem::path catalog_cache_dir();

}  // namespace og::paths

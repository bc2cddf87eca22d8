#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "support/skip_listener.hpp"

using og::test::SkipListener;
CATCH_REGISTER_LISTENER(SkipListener)

#pragma once
// Included by the suites' main.cpp only: Catch's listener base exists where its main is.
#include <catch2/catch.hpp>

#include "support/portable.hpp"

namespace og::test {

struct SkipListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testRunStarting(const Catch::TestRunInfo& info) override {
        for (const auto& s : skipped_tests())
            Catch::cout() << "skipped on this platform: " << s << "\n";
        TestEventListenerBase::testRunStarting(info);
    }
};

}  // namespace og::test

#include "base/base.hpp"
#include "middle/middle.hpp"
int top_value() { return base_value() + middle_value(); }

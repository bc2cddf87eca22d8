#include "middle/middle.hpp"
#include "base/base.hpp"
int middle_value() { return base_value() + 1; }

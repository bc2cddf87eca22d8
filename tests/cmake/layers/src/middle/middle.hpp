#pragma once
int middle_value();

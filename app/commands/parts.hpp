#pragma once
// `rigtherm parts [list | show NAME]`: the parts library ($RIGTHERM_PARTS or
// the source tree's scenarios/builds/parts), as its files say it.

#include <string>

namespace rt::app {

int cmd_parts_list();
int cmd_parts_show(const std::string& name);

}  // namespace rt::app

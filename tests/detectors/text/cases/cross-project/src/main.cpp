#include "../../shared/util.h"
#include "../local.h"
// #include "../../shared/commented.h"   negative: comment
#include <vector>

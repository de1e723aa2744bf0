// No include/ directory and no compile database: "engine/core.h" lives under modules/, and
// the inferred -I for the directory of quoted includes finds it.
#include "engine/core.h"

int main() { return start_engine(); }

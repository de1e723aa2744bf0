// lambdafit-expect(include-outside-root)
#include "../../shared/util.h"
#include "../local.h"
// lambdafit-expect-not(include-outside-root)
// #include "../../shared/commented.h"   negative: comment
#include <vector>

// lambdafit-expect(node-require-outside-root)
const shared = require("../../lib/shared");
// lambdafit-expect-not(node-require-outside-root)
const local = require("../config");
// lambdafit-expect(node-require-outside-root)
import { x } from "../../../common/x";
// require("../../nope")  negative: comment

const shared = require("../../lib/shared");
const local = require("../config");
import { x } from "../../../common/x";
// require("../../nope")  negative: comment

// Where the TypeScript loader is, for the tools and tests that start a tool in a child
// process: `node -r <REGISTER> file.ts` (./register.js says what it does and why).

import * as path from "path";

export const REGISTER = path.join(__dirname, "register.js");

// Entry point for `pulumi preview` / `pulumi up`. The program lives in
// program/main.ts; bad input is shown as a plain list of problems (RunError: no
// stack trace) and stops the run before any resource is registered.

import * as pulumi from "@pulumi/pulumi";
import { main } from "./program/main";
import { InputError } from "./model/errors";

export = main().catch((err: unknown) => {
    if (err instanceof InputError) {
        throw new pulumi.RunError(err.message);
    }
    throw err;
});

// Entry point for `pulumi preview` / `pulumi up`. The program lives in
// program/main.ts; bad input is shown as a plain list of problems (RunError: no
// stack trace) and stops the run before any resource is registered. When
// K8S_INFRA_PROBLEMS_FILE names a file (npm run preview:local sets it), the
// problems are also written there as JSON, so the tool reports them as data
// instead of parsing the engine's message.

import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { main } from "./program/main";
import { InputError } from "./model/errors";

export = main().catch((err: unknown) => {
    if (err instanceof InputError) {
        const file = process.env.K8S_INFRA_PROBLEMS_FILE;
        if (file) fs.writeFileSync(file, JSON.stringify({ subject: err.subject, problems: err.problems }));
        throw new pulumi.RunError(err.message);
    }
    throw err;
});

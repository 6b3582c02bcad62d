// The JSON Schemas editors validate the roster and the stack files with: every
// hand-edited file names its schema, the schemas accept what the loaders accept
// and refuse the mistakes an editor should underline (unknown fields, wrong enum
// values, a k8s-infra: key that does not exist), checked here with ajv as an
// editor's YAML language server would apply them. Freshness: tests/docs/readme.test.ts.

import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { FILES } from "../../model/roster/schema";
import { STACK_SCHEMA, jsonSchemaFiles, modeline, rosterSchemaPath } from "../../tools/docs/json-schemas";
import { ROOT } from "../../tools/docs/generate";
import { stackNames } from "../../tools/cli-kit/stack-args";

/** A frozen copy of roster/ as it shipped: edits to the live roster do not reach these tests. */
const FIXTURE = path.join(ROOT, "tests", "fixtures", "sample-roster");
const schemas = jsonSchemaFiles();
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const validator = (schemaFile: string) => ajv.compile(JSON.parse(schemas[schemaFile]));
const read = (file: string) => parse(fs.readFileSync(file, "utf8"));

test.each([...Object.keys(FILES).map(f => `roster/${f}`), ...stackNames(ROOT).map(s => `Pulumi.${s}.yaml`)])("%s names its schema on its first line", file => {
    const schema = file.startsWith("roster/") ? rosterSchemaPath(path.basename(file)) : STACK_SCHEMA;
    expect(fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")[0]).toBe(modeline(file, schema));
    expect(fs.existsSync(path.join(ROOT, path.dirname(file), modeline(file, schema).split("$schema=")[1]))).toBe(true);
});

describe("roster schemas", () => {
    test.each(Object.keys(FILES))("%s of the sample roster is valid", file => {
        const validate = validator(rosterSchemaPath(file));
        expect(validate(read(path.join(FIXTURE, file))) ? [] : validate.errors).toEqual([]);
    });

    test.each([
        ["people.yaml", (d: any) => { d.people[0].twitter = "@ada"; }, "must NOT have additional properties"],
        ["people.yaml", (d: any) => { delete d.people[0].timezone; }, "must have required property 'timezone'"],
        ["subprojects.yaml", (d: any) => { d.subprojects[0].phase = "done"; }, "must be equal to one of the allowed values"],
        ["subprojects.yaml", (d: any) => { d.subprojects[0].owners = ["not a handle"]; }, "must match pattern"],
        ["contacts-on-file.yaml", (d: any) => { d.contactsOnFile["ada-quill"].phone = "+1 415 555 0100"; }, "must match pattern"],
    ])("%s: a mistake the loader refuses is underlined by the schema too", (file, breakIt, message) => {
        const data = read(path.join(FIXTURE, file));
        breakIt(data);
        const validate = validator(rosterSchemaPath(file));
        expect(validate(data)).toBe(false);
        expect(validate.errors!.map(e => e.message)).toContainEqual(expect.stringContaining(message));
    });
});

describe("the stack schema", () => {
    const validate = validator(STACK_SCHEMA);
    test.each(stackNames(ROOT))("Pulumi.%s.yaml is valid", stack => {
        expect(validate(read(path.join(ROOT, `Pulumi.${stack}.yaml`))) ? [] : validate.errors).toEqual([]);
    });

    test("an unknown k8s-infra: key, an unknown field in a service and a wrong type are underlined; other namespaces are the providers'", () => {
        const doc = read(path.join(ROOT, "Pulumi.prod.yaml"));
        doc.config["gcp:defaultLabels"] = { team: "x" };
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
        const bad = (edit: (d: any) => void) => {
            const d = read(path.join(ROOT, "Pulumi.prod.yaml"));
            edit(d);
            return validate(d) ? [] : validate.errors!.map(e => `${e.instancePath} ${e.message}`);
        };
        expect(bad(d => { d.config["k8s-infra:enviroment"] = "prod"; })).toContain("/config must match a schema in anyOf");
        expect(bad(d => { d.config["k8s-infra:services"].gcs.buckets[0].versioned = true; }))
            .toContain("/config/k8s-infra:services/gcs/buckets/0 must NOT have additional properties");
        expect(bad(d => { d.config["k8s-infra:protect"] = "yes"; })).toContain("/config/k8s-infra:protect must be boolean");
    });
});

// Reads the stack's k8s-infra config through Pulumi and checks it against the
// schema in model/config.ts. Every problem names Pulumi.<stack>.yaml, the key and,
// when the stack file is at hand, the line. The contacts secret is read for its
// shape only (which fields each owner has), never for its values.

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, Contacts, NAMESPACE, StackConfig } from "../model/config";
import { InputError, Problem, formatPath } from "../model/errors";
import { YamlFile } from "../model/yaml-file";
import { describeIssue } from "../model/schema-issues";

export interface LoadedConfig {
    config: StackConfig;
    /** Which contact fields each owner has; the values stay in the secret. */
    contactFields: Record<string, { alternateEmail: boolean; phone: boolean }>;
    /** The contacts themselves, as a secret Output, for the credential store. */
    contacts: pulumi.Output<Contacts> | undefined;
}

export function loadStackConfig(stack: string = pulumi.getStack(), projectDir = process.cwd()): LoadedConfig {
    const abs = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const file = path.relative(process.cwd(), abs);
    // Only for line numbers in messages: the values come from Pulumi's config.
    const yaml = fs.existsSync(abs) ? YamlFile.read(abs, file) : undefined;
    const problems: Problem[] = [];
    const problem = (path: PropertyKey[], message: string): Problem => ({
        file,
        line: yaml?.lineOf(["config", `${NAMESPACE}:${String(path[0])}`, ...path.slice(1)]),
        at: `${NAMESPACE}:${formatPath(path)}`,
        message,
    });

    for (const key of Object.keys(pulumi.runtime.allConfig())) {
        const [ns, name] = key.split(":");
        if (ns === NAMESPACE && !(CONFIG_KEYS as readonly string[]).includes(name)) {
            problems.push(problem([name], `unknown key; known keys are ${CONFIG_KEYS.join(", ")}`));
        }
    }

    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
        if (key === "contacts") continue;
        const value = pulumi.runtime.getConfig(`${NAMESPACE}:${key}`);
        if (value === undefined) continue;
        raw[key] = parseValue(value);
    }
    const parsed = StackConfig.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const { path: at, message } = describeIssue(issue, "check the spelling against model/config.ts");
            problems.push(problem(at, message));
        }
    }

    // The contacts' shape, from the decrypted config the CLI hands the program
    // (the offline check hands placeholders): only key presence leaves this block.
    const contactFields: LoadedConfig["contactFields"] = {};
    const rawContacts = pulumi.runtime.getConfig(`${NAMESPACE}:contacts`);
    if (rawContacts !== undefined) {
        const shape = Contacts.safeParse(parseValue(rawContacts));
        if (!shape.success) {
            for (const issue of shape.error.issues) {
                // Messages name the field, never its value.
                problems.push(problem(["contacts", ...(issue.path as PropertyKey[])],
                    issue.code === "unrecognized_keys" ? "unknown field; owners have alternateEmail and phone" : "must be a secret string (pulumi config set --secret --path ...)"));
            }
        } else {
            for (const [handle, fields] of Object.entries(shape.data)) {
                contactFields[handle.toLowerCase()] = { alternateEmail: !!fields.alternateEmail, phone: !!fields.phone };
            }
        }
    }

    if (problems.length > 0 || !parsed.success) {
        throw new InputError(`stack config ${file}`, problems);
    }
    const contacts = rawContacts === undefined ? undefined
        : new pulumi.Config(NAMESPACE).requireSecretObject<Contacts>("contacts");
    return { config: parsed.data, contactFields, contacts };
}

/** Structured config arrives as JSON text; scalars as plain text. */
function parseValue(text: string): unknown {
    if (text === "true" || text === "false") return text === "true";
    if (/^[[{]/.test(text.trim())) {
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }
    return text;
}

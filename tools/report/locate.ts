// Where a violation must be fixed: the file and line an annotation or a SARIF result
// points at, from facts of the resource it is reported on (tools/results/result.ts
// locationFacts), never from the policy's message. In order:
//   1. the roster location of the record the resource stands for (a Subproject's
//      `source`, "roster/subprojects.yaml:33");
//   2. the line of Pulumi.<stack>.yaml where the resource's name or its stem appears:
//      the name the naming scheme judges (`k8s-infra-x-stg` → x), then words of the
//      resource's logical name (`gcs-prow-results-writer-0` → prow-results), first inside
//      the config of the service that made it (k8s-infra:services.gcs), then anywhere in
//      the stack's config;
//   3. the line of that service's config (or of a top-level key named after the component);
//   4. otherwise the stack file, line 1.
// Paths are relative to the repository root (the working directory of npm scripts).

import * as path from "path";
import { Node, isMap, isScalar, isSeq } from "yaml";
import { readStackConfig, stackFileDocument } from "../stack-config/stack-config";
import { nameOf, qualifiedTypeOf } from "../../model/urn";
import type { ResourceSummary } from "../results/result";
import type { StackReport } from "./model";

export interface Location {
    file: string;
    line: number;
    /** How it was found: the roster record's location, a name in the stack config, the service's config, or the fallback. */
    how: "record" | "name" | "service" | "stack-file";
}

/** What a violation is located by: the URN it is reported on, and that resource's location facts. */
export interface Locatable extends Pick<ResourceSummary, "source" | "named"> {
    urn: string;
}

/** A scalar of the stack's config (a value, or the key of a map entry) and its line. */
interface Scalar {
    text: string;
    line: number;
    /** Path of keys from the top of `config:`. */
    path: string[];
    isKey: boolean;
    /** For a key: its value is a map or a list (a named entry such as `gcs:` or `ada-quill:`). */
    holdsConfig: boolean;
}

interface StackFile {
    file: string;
    scalars: Scalar[];
    /** Line of a top-level config key (full `ns:name` form). */
    lineOf(key: string): number | undefined;
}

/** A record's `source`: "roster/subprojects.yaml:33". */
const SOURCE = /^(.+\.ya?ml):(\d+)$/;
const FAMILY_PREFIX = /^k8s-(?:infra|staging|artifacts)-/;
const STAGING_SUFFIX = /-stg$/;
/** Runs of words every name shares: they say nothing about which config made a resource. */
const GENERIC = new Set(["k8s", "k8s-infra", "k8s-staging", "k8s-artifacts", "stg"]);

export class Locator {
    private readonly stacks = new Map<string, StackFile | undefined>();
    private readonly byUrn = new WeakMap<StackReport, Map<string, ResourceSummary>>();

    /** projectDir holds Pulumi.<stack>.yaml; root is what paths are made relative to. */
    constructor(private readonly projectDir: string, private readonly root: string = process.cwd()) {}

    /** Where a violation of a report is fixed: located by the resource it is reported on. */
    locateIn(report: StackReport, v: { urn: string }): Location {
        let resources = this.byUrn.get(report);
        if (!resources) this.byUrn.set(report, resources = new Map(report.resources.map(r => [r.urn, r])));
        const r = resources.get(v.urn);
        return this.locate(report.stack, { urn: v.urn, source: r?.source, named: r?.named });
    }

    locate(stack: string, v: Locatable): Location {
        const record = v.source ? SOURCE.exec(v.source) : null;
        if (record) return { file: this.relative(record[1]), line: Number(record[2]), how: "record" };
        const stackFile = this.relative(path.join(this.projectDir, `Pulumi.${stack}.yaml`));
        const parsed = this.load(stack);
        if (!parsed) return { file: stackFile, line: 1, how: "stack-file" };
        const scope = serviceScope(v.urn, parsed);
        // Inside the service's config any word of the name may be its stem; elsewhere, only
        // the quoted name or runs of two words or more, so "website" alone in
        // "website-owners" does not send a subproject's group to the website service.
        const named = v.named ? namedCandidates(v.named) : [];
        // The Stack and providers are named after the project, not after any config.
        const own = qualifiedTypeOf(v.urn).startsWith("pulumi:") ? [] : nameCandidates(nameOf(v.urn));
        const words = own.filter(w => !GENERIC.has(w));
        const hit = (scope && find(parsed.scalars, scope.path, [...named, ...words])) ||
            find(parsed.scalars, [], [...named, ...words.filter(w => w.includes("-"))]);
        if (hit) return { file: stackFile, line: hit.line, how: "name" };
        if (scope) return { file: stackFile, line: scope.line, how: "service" };
        return { file: stackFile, line: 1, how: "stack-file" };
    }

    /** Where a note about a whole stack goes: its stack file, or Pulumi.yaml when the stack is not known. */
    stackFile(stack: string | undefined): Location {
        return { file: this.relative(path.join(this.projectDir, stack ? `Pulumi.${stack}.yaml` : "Pulumi.yaml")), line: 1, how: "stack-file" };
    }

    /** A path as the repository names it: relative to the root, with forward slashes. */
    relative(p: string): string {
        const rel = path.isAbsolute(p) ? path.relative(this.root, p) : path.normalize(p);
        return rel.split(path.sep).join("/");
    }

    private load(stack: string): StackFile | undefined {
        if (!this.stacks.has(stack)) this.stacks.set(stack, readStackFile(this.projectDir, stack, this.relative(path.join(this.projectDir, `Pulumi.${stack}.yaml`))));
        return this.stacks.get(stack);
    }
}

function readStackFile(projectDir: string, stack: string, file: string): StackFile | undefined {
    let parsed: ReturnType<typeof stackFileDocument>;
    try {
        parsed = stackFileDocument(projectDir, stack);
    } catch {
        return undefined; // missing, or not YAML: the stack file's first line is all there is
    }
    const { doc } = parsed;
    const scalars: Scalar[] = [];
    const config = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
    const lineAt = (n: Node) => parsed.lineAt(n) ?? 1;
    const walk = (node: unknown, at: string[]) => {
        if (isMap(node)) {
            for (const pair of node.items) {
                if (!isScalar(pair.key)) continue;
                const key = String(pair.key.value);
                scalars.push({ text: key, line: lineAt(pair.key), path: at, isKey: true, holdsConfig: isMap(pair.value) || isSeq(pair.value) });
                walk(pair.value, [...at, key]);
            }
        } else if (isSeq(node)) {
            node.items.forEach((item, i) => walk(item, [...at, String(i)]));
        } else if (isScalar(node) && typeof node.value === "string") {
            scalars.push({ text: node.value, line: lineAt(node), path: at, isKey: false, holdsConfig: false });
        }
    };
    walk(config, []);
    let lineOf: (key: string) => number | undefined;
    try {
        lineOf = readStackConfig(projectDir, stack).lineOf;
    } catch {
        // A stack file the check rejects still has lines worth pointing at.
        lineOf = key => scalars.find(s => s.isKey && s.path.length === 0 && s.text === key)?.line;
    }
    return { file, scalars, lineOf };
}

/**
 * The config of the component that made the resource: for `k8s-infra:services:TestPool$...`,
 * `k8s-infra:services` → `test-pool`; for `k8s-infra:governance:Billing$...`, the top-level
 * key `k8s-infra:billing`. Undefined when the stack file has neither.
 */
function serviceScope(urn: string, stack: StackFile): { path: string[]; line: number } | undefined {
    const types = qualifiedTypeOf(urn).split("$");
    for (const type of types) {
        const [pkg, module, name] = type.split(":");
        if (!pkg || !module || !name || pkg === "pulumi") continue;
        const top = `${pkg}:${module}`;
        const sub = stack.scalars.find(s => s.isKey && s.path.length === 1 && s.path[0] === top && s.text === kebab(name));
        if (sub) return { path: [top, sub.text], line: sub.line };
        const own = stack.lineOf(`${pkg}:${kebab(name)}`);
        if (own !== undefined) return { path: [`${pkg}:${kebab(name)}`], line: own };
    }
    return undefined;
}

function kebab(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}


/** From "k8s-infra-prow-results-stg@kubernetes.io": the name, without domain, prefix and suffix. */
export function namedCandidates(full: string): string[] {
    const local = full.split("@")[0];
    const stem = local.replace(FAMILY_PREFIX, "").replace(STAGING_SUFFIX, "");
    return [...new Set([full, local, stem])].filter(s => s.length > 0);
}

/** Runs of a name's hyphen-separated words, longest first, left to right. */
export function nameCandidates(name: string): string[] {
    const words = name.split("-").filter(w => w.length > 0);
    const out: string[] = [];
    for (let len = words.length; len >= 1; len--) {
        for (let start = 0; start + len <= words.length; start++) out.push(words.slice(start, start + len).join("-"));
    }
    return [...new Set(out)];
}

/**
 * The first scalar under `within` that is a candidate (candidates in order): a value equal
 * to it or the key of an entry that holds more config (`ada-quill:`), or, for a candidate
 * of two words or more, a value containing it between non-alphanumerics
 * ("group:k8s-infra-prow-viewers@..." contains "prow-viewers"). So a key such as
 * `project:` or a word such as "results" never matches on its own.
 */
function find(scalars: readonly Scalar[], within: readonly string[], candidates: readonly string[]): Scalar | undefined {
    const inScope = scalars.filter(s => within.every((k, i) => s.path[i] === k));
    for (const c of candidates) {
        if (/^\d+$/.test(c)) continue;
        const exact = inScope.find(s => s.text === c && (!s.isKey || s.holdsConfig));
        if (exact) return exact;
        if (!c.includes("-")) continue;
        const bounded = new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(c)}(?:$|[^a-z0-9])`);
        const contained = inScope.find(s => !s.isKey && bounded.test(s.text));
        if (contained) return contained;
    }
    return undefined;
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

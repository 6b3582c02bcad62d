// The program under Pulumi's mocks with each stack's real config: what it
// creates and how it names, labels, protects and grants it; that contact
// details stay secret; and that bad input registers nothing.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadInventory } from "../../model/inventory/load";
import { main } from "../../program/main";
import { InputError } from "../../model/errors";
import { LABEL_KEYS } from "../../model/labels";
import { checkName, nameIn } from "../../model/naming";
import { NAMED_TYPES } from "../../model/resource-types";
import { StackConfig } from "../../model/config";
import { projectConfigValues, readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram, SECRET_SIG_KEY } from "../../tools/check/run-program";
import type { CapturedResource } from "../../tools/results/types";
import { WHOLE_STACK_MS } from "../helpers/timeouts";

const ROOT = path.resolve(__dirname, "../..");

/** A frozen copy of roster/ as it shipped: edits to the live roster do not reach these tests. */
const ROSTER_FIXTURE = path.join(ROOT, "tests", "fixtures", "sample-roster");

async function runStack(stack: string, override: Record<string, string> = {}) {
    const cfg = readStackConfig(ROOT, stack);
    return runProgram({
        project: cfg.project, stack, config: { ...cfg.config, "k8s-infra:roster": ROSTER_FIXTURE, ...override }, secretKeys: cfg.secretKeys, preview: true,
        program: () => main(ROOT),
    });
}

/** The stack's k8s-infra config, parsed as the program parses it. */
function stackConfig(stack: string): StackConfig {
    return StackConfig.parse(projectConfigValues(ROOT, stack));
}

const inputs = (r: CapturedResource) => r.inputs.toJavaScript() as Record<string, any>;
const ofType = (rs: CapturedResource[], type: string) => rs.filter(r => r.type === type);

describe.each(["staging", "prod"] as const)("the %s stack", env => {
    let resources: CapturedResource[];
    let outputs: Record<string, unknown>;
    beforeAll(async () => ({ resources, outputs } = await runStack(env)), WHOLE_STACK_MS);

    test("makes a Subproject per roster subproject, refers to its owners group by address, and makes no group", () => {
        const subs = ofType(resources, "k8s-infra:governance:Subproject");
        expect(subs.map(s => s.name).sort()).toEqual(["artifacts", "dns", "prow", "release-eng", "secrets", "test-pool", "website"]);
        const suffix = env === "staging" ? "-stg" : "";
        expect(inputs(subs.find(s => s.name === "artifacts")!).ownersGroup).toBe(`k8s-infra-artifacts-owners${suffix}@kubernetes.io`);
        // k8s.io's groups reconciler makes the groups (groups.yaml, tools/docs/groups.ts) and deletes any it does not list.
        expect(resources.filter(r => r.type.startsWith("gcp:cloudidentity/"))).toEqual([]);
        expect(ofType(resources, "k8s-infra:services:Gcs")).toHaveLength(1);
    });

    test("sends each subproject's staffing record as the component's inputs, without contact values", () => {
        const prow = ofType(resources, "k8s-infra:governance:Subproject").find(s => s.name === "prow")!;
        const record = inputs(prow);
        expect(record).toMatchObject({ name: "prow", environment: env, phase: "bootstrapping", source: `${path.relative(process.cwd(), ROSTER_FIXTURE)}/subprojects.yaml:34` });
        expect(record.owners.map((o: any) => [o.github, o.organization])).toEqual([
            ["eli-novak", "Google"], ["kai-moreno", "Google"], ["hana-sato", null],
        ]);
        expect(record.owners[0].contact).toEqual({ alternateEmail: true, phone: true });
        expect(JSON.stringify(record)).not.toContain("[secure]");
    });

    test("names every bucket by the naming scheme and labels it for cost attribution", () => {
        const buckets = ofType(resources, "gcp:storage/bucket:Bucket");
        expect(buckets.length).toBeGreaterThanOrEqual(3);
        for (const b of buckets) {
            const props = inputs(b);
            expect(checkName("bucket", props.name, env)).toBeUndefined();
            expect(Object.keys(props.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(props.labels.environment).toBe(env);
            expect(props.uniformBucketLevelAccess).toBe(true);
            expect(b.protect).toBe(env === "prod");
        }
    });

    test("every project, bucket, secret and service account it names follows the scheme in its environment", () => {
        const named = resources.filter(r => NAMED_TYPES[r.type]);
        expect(new Set(named.map(r => NAMED_TYPES[r.type].kind))).toEqual(new Set(["project", "bucket", "secret", "serviceAccount"]));
        const problems = named.flatMap(r => {
            const rule = NAMED_TYPES[r.type];
            const name = rule.property.split(".").reduce((o: any, k) => o?.[k], inputs(r)) as string;
            const problem = checkName(rule.kind, name, env);
            return problem ? [`${r.type} ${r.name}: ${name}: ${problem.reason}`] : [];
        });
        expect(problems).toEqual([]);
    });

    test("makes each project the config names, keyed by its prod id, with its id in this environment, a new one under the configured parent and one that exists under its own", () => {
        const config = stackConfig(env);
        const projects = ofType(resources, "gcp:organizations/project:Project");
        const prodIds = projects.map(p => p.name.replace(/^project-/, ""));
        expect(prodIds).toContain(config.governance.project);
        for (const p of projects) {
            const prodId = p.name.replace(/^project-/, "");
            expect(p.name).toBe(`project-${prodId}`);
            expect(inputs(p).projectId).toBe(nameIn({ kind: "project", name: prodId, environment: env }));
        }
        const inventoryDir = path.resolve(__dirname, "../..", config.inventory ?? "inventory");
        const inventoried = env === "prod" && fs.existsSync(path.join(inventoryDir, "projects")) ? loadInventory(inventoryDir, "inventory").projects : new Map();
        for (const p of projects.map(inputs)) {
            const parent = inventoried.get(p.projectId as string)?.parent ?? config.billing.parent;
            const [kind, id] = parent.split("/");
            expect({ project: p.projectId, orgId: p.orgId, folderId: p.folderId })
                .toEqual({ project: p.projectId, orgId: kind === "organizations" ? id : undefined, folderId: kind === "folders" ? id : undefined });
        }
    });

    test("a new project gets no default network; one the inventory holds keeps the network it was made with", () => {
        const inventoryDir = path.resolve(__dirname, "../..", stackConfig(env).inventory ?? "inventory");
        const byExistence = { existing: 0, new: 0 };
        for (const p of ofType(resources, "gcp:organizations/project:Project").map(inputs)) {
            const exists = fs.existsSync(path.join(inventoryDir, "projects", `${p.projectId}.yaml`));
            byExistence[exists ? "existing" : "new"]++;
            expect({ project: p.projectId, autoCreateNetwork: p.autoCreateNetwork }).toEqual({ project: p.projectId, autoCreateNetwork: exists });
        }
        expect(byExistence.new).toBeGreaterThan(0);
        if (env === "prod") expect(byExistence.existing).toBeGreaterThan(0);
    });

    test("grants IAM only to groups, service accounts, and the public on public buckets", () => {
        const members = ofType(resources, "gcp:storage/bucketIAMMember:BucketIAMMember").map(r => inputs(r).member as string);
        expect(members.length).toBeGreaterThan(3);
        for (const m of members) expect(m).toMatch(/^(group:|serviceAccount:|allUsers$)/);
        const stg = env === "staging" ? "-stg" : "";
        const contactReaders = ofType(resources, "gcp:secretmanager/secretIamMember:SecretIamMember")
            .map(inputs).filter(g => g.secretId === `k8s-infra-owner-contacts${stg}`).map(g => g.member);
        expect(contactReaders).toEqual([`group:k8s-infra-owner-contacts${stg}@kubernetes.io`]);
    });

    test("the contacts store registers the secret, its project and its readers group: what the contacts policy guards", () => {
        const store = ofType(resources, "k8s-infra:governance:OwnerContacts")[0];
        const secret = ofType(resources, "gcp:secretmanager/secret:Secret").map(inputs).find(s => s.secretId === outputs.ownerContactsSecret)!;
        expect(store.outputs.toJavaScript()).toEqual({
            secretId: outputs.ownerContactsSecret, project: secret.project, readersGroup: expect.stringMatching(/^k8s-infra-owner-contacts/),
        });
    });

    test("keeps contact details out of the stack: no secret version (the leads add them), outputs name the secret only", () => {
        expect(ofType(resources, "gcp:secretmanager/secretVersion:SecretVersion")).toEqual([]);
        expect(resources.some(r => JSON.stringify(r.inputs.toJavaScript()).includes(SECRET_SIG_KEY))).toBe(false);
        expect(outputs.ownerContactsSecret).toBe(`k8s-infra-owner-contacts${env === "staging" ? "-stg" : ""}`);
        expect(JSON.stringify(outputs)).not.toContain("[secure]");
        expect(outputs.schemaVersion).toBe(1);
    });
});

describe("bad input registers nothing", () => {
    async function registeredBeforeError(override: Record<string, string>) {
        let error: unknown;
        const run = await runProgram({
            ...(() => { const c = readStackConfig(ROOT, "prod"); return { project: c.project, stack: "prod", secretKeys: c.secretKeys, config: { ...c.config, ...override } }; })(),
            preview: true,
            program: async () => { try { return await main(ROOT); } catch (e) { error = e; return {}; } },
        });
        return { error, types: run.resources.map(r => r.type) };
    }

    function tempRoster(file: string, edit: (text: string) => string): { dir: string; text: string } {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-roster-"));
        made.push(dir);
        for (const f of fs.readdirSync(ROSTER_FIXTURE)) fs.copyFileSync(path.join(ROSTER_FIXTURE, f), path.join(dir, f));
        const text = edit(fs.readFileSync(path.join(dir, file), "utf8"));
        fs.writeFileSync(path.join(dir, file), text);
        return { dir, text };
    }
    const made: string[] = [];
    afterAll(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

    test("a broken roster: an InputError naming the file and line, and only the Stack itself registered", async () => {
        const { dir, text } = tempRoster("people.yaml", t => t.replace("date: 2026-02-02", "date: 2026-02-30"));
        const { error, types } = await registeredBeforeError({ "k8s-infra:roster": dir });
        expect(error).toBeInstanceOf(InputError);
        const line = text.split("\n").findIndex(l => l.includes("2026-02-30")) + 1;
        expect((error as InputError).problems).toEqual([expect.objectContaining({ line, message: "is not a real calendar date; write YYYY-MM-DD" })]);
        expect(types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("contact details as stack config (the retired k8s-infra:contacts key) or a phone number anywhere: an InputError, nothing registered", async () => {
        const retired = await registeredBeforeError({ "k8s-infra:contacts": JSON.stringify({ "ada-quill": { phone: "[secure]" } }) });
        expect((retired.error as InputError).problems).toEqual([expect.objectContaining({
            at: "k8s-infra:contacts", message: expect.stringContaining("no longer stack config"),
        })]);
        expect(retired.types).toEqual(["pulumi:pulumi:Stack"]);
        const org = JSON.parse(readStackConfig(ROOT, "prod").config["k8s-infra:org"]);
        const phone = await registeredBeforeError({ "k8s-infra:org": JSON.stringify({ ...org, note: "on call: +44 20 7946 0958" }) });
        expect((phone.error as InputError).problems).toEqual(expect.arrayContaining([expect.objectContaining({
            at: "k8s-infra:org.note", message: expect.stringContaining("looks like a phone number"),
        })]));
        expect(JSON.stringify((phone.error as InputError).problems)).not.toContain("7946");
        expect(phone.types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("a service turned on that no subproject owns: an InputError naming the config key", async () => {
        const { dir } = tempRoster("subprojects.yaml", t => t.replace("services: [gcs, gcr, artifact-staging]", "services: [gcr, artifact-staging]"));
        const { error, types } = await registeredBeforeError({ "k8s-infra:roster": dir });
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).problems).toEqual([expect.objectContaining({
            file: "Pulumi.prod.yaml", at: "k8s-infra:services.gcs", message: expect.stringContaining("no subproject in the roster owns it"),
        })]);
        expect(types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("a credential-store secret owned by a subproject the roster lacks: an InputError naming the key", async () => {
        const services = JSON.parse(readStackConfig(ROOT, "prod").config["k8s-infra:services"]);
        const store = services["credential-store"];
        store.secrets[0].subproject = "no-such-team";
        const { error, types } = await registeredBeforeError({ "k8s-infra:services": JSON.stringify(services) });
        expect((error as InputError).problems).toEqual([expect.objectContaining({
            at: "k8s-infra:services.credential-store.secrets[0].subproject", message: expect.stringContaining('unknown subproject "no-such-team"'),
        })]);
        expect(types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("a broken DNS zone config: an InputError with file and line, before any resource (not half-applied)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-zones-"));
        made.push(dir);
        fs.cpSync(path.join(ROOT, "dns/zone-configs"), dir, { recursive: true, verbatimSymlinks: true });
        // A delegation in the base piece, which the canary zone shares: refused.
        const text = fs.readFileSync(path.join(dir, "k8s.io._0_base.yaml"), "utf8") + "\nsub-delegation:\n  type: NS\n  values: [ns1.example.com.]\n";
        fs.writeFileSync(path.join(dir, "k8s.io._0_base.yaml"), text);
        const services = JSON.parse(readStackConfig(ROOT, "prod").config["k8s-infra:services"]);
        services.dns.zonesDir = dir;
        const { error, types } = await registeredBeforeError({ "k8s-infra:services": JSON.stringify(services) });
        expect(error).toBeInstanceOf(InputError);
        const line = text.split("\n").findIndex(l => l.startsWith("sub-delegation:")) + 1;
        expect((error as InputError).problems).toEqual([expect.objectContaining({ line, file: expect.stringMatching(/k8s\.io\._0_base\.yaml$/) })]);
        expect(types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("an unknown service key in the stack config: an InputError, nothing registered", async () => {
        const services = JSON.parse(readStackConfig(ROOT, "prod").config["k8s-infra:services"]);
        const { error, types } = await registeredBeforeError({ "k8s-infra:services": JSON.stringify({ ...services, gcss: {} }) });
        expect((error as InputError).problems).toEqual([expect.objectContaining({ at: "k8s-infra:services.gcss",
            message: 'unknown field "gcss"; check the spelling against model/config.ts. Did you mean gcs?' })]);
        expect(types).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("an unknown field in a service's config points at that service's schema file, with the field it probably meant", async () => {
        const services = JSON.parse(readStackConfig(ROOT, "prod").config["k8s-infra:services"]);
        services.gcs.buckets[0].deleteAfterDay = 30;
        services.dns.defaultTTL = 300;
        const { error } = await registeredBeforeError({ "k8s-infra:services": JSON.stringify(services) });
        expect((error as InputError).problems.map(p => p.message).sort()).toEqual([
            'unknown field "defaultTTL"; check the spelling against model/service-config/dns.ts. Did you mean defaultTtl?',
            'unknown field "deleteAfterDay"; check the spelling against model/service-config/gcs.ts. Did you mean deleteAfterDays?',
        ]);
    });
});

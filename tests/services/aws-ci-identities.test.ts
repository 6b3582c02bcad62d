// The AWS side of the CI identities (services/governance/aws-ci-identities.ts): in
// each stack's AWS account (the test pool's, the one its AWS provider is pinned
// to), GitHub's OIDC provider and two roles, the preview role and that stack's
// deploy role, each assumable with exactly the model's subjects (StringEquals on aud
// and sub), the preview role reading no secret value.

import * as path from "path";
import { awsCiRecordOf, deployAwsCi, stackConfigOf } from "../helpers/ci";
import { StackConfig } from "../../model/config";
import {
    AWS_SECRET_READING_ACTIONS, CI_VARIABLES, awsActionCovers, policyStatements, secretReadsAllowedBy,
} from "../../model/ci-identities";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { ciIdentityBoundaries } from "../../policy-pack/policies/ci";
import { runStackPolicy } from "../helpers/policy";
import { main } from "../../program/main";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram } from "../../tools/check/run-program";
import { WHOLE_STACK_MS } from "../helpers/timeouts";

const ROLE = "aws:iam/role:Role";
const OIDC = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const HOST = "token.actions.githubusercontent.com";
const REPO = "kubernetes/k8s-infra";
const ACCOUNTS = { staging: "210987654321", prod: "123456789012" } as const;

describe.each(["staging", "prod"] as const)("the AWS CI roles of the %s stack", stack => {
    const account = ACCOUNTS[stack];
    const stg = stack === "staging" ? "-stg" : "";
    const deployKey = stack === "prod" ? "deploy-prod" : "deploy-staging";
    const environment = stack === "prod" ? "production" : "staging";
    let d: Awaited<ReturnType<typeof deployAwsCi>>;
    beforeAll(async () => { d = await deployAwsCi(stack); });
    const roles = () => new Map(d.inputsOf(ROLE).map(r => [r.name as string, r]));
    const trustOf = (name: string) => JSON.parse(roles().get(name)!.assumeRolePolicy);

    test("in the stack's AWS account: the test pool's, with a provider that refuses any other", () => {
        expect(stackConfigOf(stack).services["test-pool"].aws.accountId).toBe(account);
        expect(d.inputsOf("pulumi:providers:aws")).toEqual([expect.objectContaining({ allowedAccountIds: JSON.stringify([account]) })]);
        for (const r of d.resources.filter(r => r.type.startsWith("aws:"))) expect(r.props).toBeDefined();
    });

    test("GitHub's OIDC provider, once, for sts.amazonaws.com, tagged", () => {
        const providers = d.inputsOf(OIDC);
        expect(providers).toHaveLength(1);
        expect(providers[0]).toMatchObject({ url: `https://${HOST}`, clientIdLists: ["sts.amazonaws.com"] });
        for (const r of [...providers, ...d.inputsOf(ROLE)]) for (const k of LABEL_KEYS) expect(typeof r.tags[k]).toBe("string");
        expect(providers[0].tags.environment).toBe(stack);
    });

    test("two roles, the preview role and this stack's deploy role, named by the scheme", () => {
        const names = [...roles().keys()].sort();
        expect(names).toEqual([`k8s-infra-ci-${deployKey}${stg}`, `k8s-infra-ci-preview${stg}`]);
        // The naming module's form (nameIn: -stg in staging only), within IAM's role names (64 of [\w+=,.@-]).
        for (const n of names) {
            expect(n).toMatch(/^[\w+=,.@-]{1,64}$/);
            expect(n.endsWith("-stg")).toBe(stack === "staging");
            expect(checkName("serviceAccount", n.replace(/-stg$/, ""), "prod")).toBeUndefined();
        }
        expect(awsCiRecordOf(stack).roles.map(r => `${r.variable} ${r.arn}`).sort()).toEqual([
            `${CI_VARIABLES[deployKey].aws[stack]} arn:aws:iam::${account}:role/k8s-infra-ci-${deployKey}${stg}`,
            `${CI_VARIABLES.preview.aws[stack]} arn:aws:iam::${account}:role/k8s-infra-ci-preview${stg}`,
        ]);
    });

    test("the deploy role: only from its environment, StringEquals on aud and on that one subject", () => {
        expect(trustOf(`k8s-infra-ci-${deployKey}${stg}`)).toEqual({
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${HOST}` },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com", [`${HOST}:sub`]: [`repo:${REPO}:environment:${environment}`] } },
            }],
        });
    });

    test("the preview role: from pull requests and main only, the GCP preview identity's two subjects", () => {
        const [st] = trustOf(`k8s-infra-ci-preview${stg}`).Statement;
        expect(Object.keys(st.Condition)).toEqual(["StringEquals"]);
        expect(st.Condition.StringEquals).toEqual({
            [`${HOST}:aud`]: "sts.amazonaws.com",
            [`${HOST}:sub`]: [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`],
        });
        expect(st.Principal).toEqual({ Federated: `arn:aws:iam::${account}:oidc-provider/${HOST}` });
    });

    test("no trust statement anywhere uses a wildcard or another operator on sub", () => {
        for (const r of d.inputsOf(ROLE)) {
            for (const st of policyStatements(r.assumeRolePolicy)) {
                expect(Object.keys(st.Condition as object)).toEqual(["StringEquals"]);
                expect(JSON.stringify(st)).not.toMatch(/[*?]/);
            }
        }
    });

    test("the preview role reads (Get, List, View of what the stack makes), allows no secret-reading action, and denies each", () => {
        const preview = roles().get(`k8s-infra-ci-preview${stg}`)!;
        expect(preview.inlinePolicies).toHaveLength(1);
        const statements = policyStatements(preview.inlinePolicies[0].policy);
        const allows = statements.filter(s => s.Effect === "Allow");
        expect(allows.length).toBeGreaterThan(0);
        for (const s of allows) {
            expect(s.NotAction).toBeUndefined();
            for (const a of s.Action as string[]) expect(a).toMatch(/^(iam|budgets):(Get|List|View)[A-Za-z]+$/);
            expect(secretReadsAllowedBy(s)).toEqual([]);
        }
        const denied = statements.filter(s => s.Effect === "Deny").flatMap(s => s.Action as string[]);
        for (const a of AWS_SECRET_READING_ACTIONS) expect(denied.some(p => awsActionCovers(p, a))).toBe(true);
        expect(AWS_SECRET_READING_ACTIONS).toEqual(expect.arrayContaining(["secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath", "kms:Decrypt"]));
        expect(preview.managedPolicyArns).toBeUndefined();
    });

    test("the deploy role gets no permission from the stack (the account's admins attach it)", () => {
        const deploy = roles().get(`k8s-infra-ci-${deployKey}${stg}`)!;
        expect(deploy.inlinePolicies).toBeUndefined();
        expect(deploy.managedPolicyArns).toBeUndefined();
        expect(d.resources.filter(r => /rolePolicy|policyAttachment/i.test(r.type))).toEqual([]);
    });

    test("ci-identity-boundaries is quiet on what the component makes", () => {
        expect(runStackPolicy(ciIdentityBoundaries, d.resources)).toEqual([]);
    });
});

test("the prod account's roles are only in the prod stack, the staging account's only in staging", () => {
    const staging = awsCiRecordOf("staging");
    const prod = awsCiRecordOf("prod");
    expect(staging.accountId).not.toBe(prod.accountId);
    expect(staging.roles.map(r => r.key)).toEqual(["preview", "deploy-staging"]);
    expect(prod.roles.map(r => r.key)).toEqual(["preview", "deploy-prod"]);
    for (const r of staging.roles) expect(r.arn).toContain(`::${staging.accountId}:`);
    expect(JSON.stringify(staging)).not.toContain("environment:production");
});

describe("what counts as reading a secret value", () => {
    test.each([
        [{ Effect: "Allow", Action: "*", Resource: "*" }, AWS_SECRET_READING_ACTIONS],
        [{ Effect: "Allow", Action: ["secretsmanager:*"], Resource: "*" }, ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"]],
        [{ Effect: "Allow", Action: "ssm:Get*", Resource: "*" }, ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"]],
        [{ Effect: "Allow", Action: ["KMS:decrypt"], Resource: "*" }, ["kms:Decrypt"]],
        [{ Effect: "Allow", Action: "secretsmanager:Get?ecretValue", Resource: "*" }, ["secretsmanager:GetSecretValue"]],
        [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }, AWS_SECRET_READING_ACTIONS],
        [{ Effect: "Allow", Action: ["iam:Get*", "budgets:ViewBudget", "secretsmanager:DescribeSecret", "ssm:DescribeParameters"], Resource: "*" }, []],
        [{ Effect: "Deny", Action: "*", Resource: "*" }, []],
    ])("%j allows %j", (statement, reads) => {
        expect(secretReadsAllowedBy(statement)).toEqual(reads);
    });
});

describe("the config", () => {
    test("both stacks have k8s-infra:ciAws, and one repository, the same in both", () => {
        expect(stackConfigOf("prod").ciAws).toBeDefined();
        expect(stackConfigOf("staging").repository).toBe(stackConfigOf("prod").repository);
        expect(StackConfig.safeParse(stackConfigOf("staging")).success).toBe(true);
    });

    test("a stack without an AWS account refuses it", () => {
        const staging = stackConfigOf("staging");
        const { aws: _aws, ...pool } = staging.services["test-pool"];
        const parsed = StackConfig.safeParse({ ...staging, services: { ...staging.services, "test-pool": pool } });
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ["ciAws"], message: expect.stringContaining("services.test-pool.aws.accountId") })]);
    });

    test("CI identities without k8s-infra:repository are refused, each by its key", () => {
        const { repository: _r, ...prod } = stackConfigOf("prod");
        const parsed = StackConfig.safeParse(prod);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues.map(i => i.path)).toEqual([["ci"], ["ciAws"]]);
        expect(parsed.error!.issues[0].message).toContain("k8s-infra:repository");
    });
});

describe("program/main.ts", () => {
    const ROOT = path.resolve(__dirname, "../..");
    test.each(["staging", "prod"] as const)("makes them in %s, in the test pool's account", async stack => {
        const cfg = readStackConfig(ROOT, stack);
        const run = await runProgram({ project: cfg.project, stack, config: cfg.config, secretKeys: cfg.secretKeys, preview: true, program: () => main(ROOT) });
        const component = run.resources.filter(r => r.type === "k8s-infra:governance:AwsCiIdentities");
        expect(component).toHaveLength(1);
        const roles = run.resources.filter(r => r.type === ROLE && r.parent === component[0].urn).map(r => r.name).sort();
        expect(roles).toEqual([stack === "prod" ? "ci-aws-deploy-prod" : "ci-aws-deploy-staging", "ci-aws-preview"]);
        const github = run.resources.filter(r => r.type === OIDC && (r.inputs.toJavaScript() as { url?: string }).url === `https://${HOST}`);
        expect(github).toHaveLength(1);
    }, WHOLE_STACK_MS);
});

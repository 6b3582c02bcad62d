// ci-identity-boundaries: a deploy identity is acted as only from its own GitHub
// environment, at no level above its account, and the preview identity reads no
// secret; in AWS, a role GitHub's tokens assume names its exact subjects and the
// preview roles read no secret value. Starts from what the components really
// register (tests/helpers/ci.ts) and adds or changes one bad thing at a time.

import { ciIdentityBoundaries } from "../../policy-pack/policies/ci";
import { policies } from "../../policy-pack/policies";
import { RULE } from "../../model/rules";
import { deployAwsCi, deployCi } from "../helpers/ci";
import { ResourceInput, messagesOf, runStackPolicy, unknown, urnOf } from "../helpers/policy";

const POOL = "projects/123456789012/locations/global/workloadIdentityPools/github-actions";
const REPO = "kubernetes/k8s-infra";
const principal = (subject: string) => `principal://iam.googleapis.com/${POOL}/subject/repo:${REPO}:${subject}`;
const email = (id: string) => `${id}@k8s-infra-pulumi-state.iam.gserviceaccount.com`;
const PREVIEW = `serviceAccount:${email("k8s-infra-ci-preview")}`;

let component: ResourceInput[];
beforeAll(async () => { component = (await deployCi()).resources; });

function grant(type: string, name: string, props: Record<string, unknown>): ResourceInput {
    return { type, name, urn: urnOf(type, name, "prod"), props };
}
const onAccount = (id: string, role: string, member: string, name = "bad") =>
    grant("gcp:serviceaccount/iAMMember:IAMMember", name, { serviceAccountId: `projects/k8s-infra-pulumi-state/serviceAccounts/${email(id)}`, role, member });
const run = (...extra: ResourceInput[]) => runStackPolicy(ciIdentityBoundaries, [...component, ...extra]);

test("is in the pack, mandatory and critical", () => {
    expect(policies).toContain(ciIdentityBoundaries);
    expect(ciIdentityBoundaries.name).toBe(RULE.ciIdentities);
    expect(ciIdentityBoundaries.enforcementLevel).toBe("mandatory");
});

describe("quiet", () => {
    test("on the identities as the component makes them", () => {
        expect(run()).toEqual([]);
    });

    test("on a stack without them (staging)", () => {
        const staging = component.filter(r => r.type !== "k8s-infra:governance:CiIdentities");
        expect(runStackPolicy(ciIdentityBoundaries, [...staging, onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", "group:x@kubernetes.io")])).toEqual([]);
    });

    test("on a second grant of the right principal, and on grants of other roles or other accounts", () => {
        expect(run(
            onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", principal("environment:production"), "again"),
            onAccount("k8s-infra-ci-deploy-prod", "roles/iam.serviceAccountViewer", "group:k8s-infra-org-admins@kubernetes.io", "viewer"),
            grant("gcp:serviceaccount/iAMMember:IAMMember", "other", { serviceAccountId: "projects/p/serviceAccounts/x@p.iam.gserviceaccount.com", role: "roles/iam.serviceAccountTokenCreator", member: "group:g@kubernetes.io" }),
            grant("gcp:projects/iAMMember:IAMMember", "elsewhere", { project: "kubernetes-public", role: "roles/iam.serviceAccountTokenCreator", member: "group:g@kubernetes.io" }),
        )).toEqual([]);
    });

    test("on a grant whose account is not known yet in preview (judged on update)", () => {
        const g = onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", "group:x@kubernetes.io");
        expect(run({ ...g, props: { ...g.props, serviceAccountId: unknown() } })).toEqual([]);
    });
});

describe("fires", () => {
    test("when the prod deploy identity is granted to the whole pool", () => {
        const bad = onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", `principalSet://iam.googleapis.com/${POOL}/*`);
        expect(run(bad)).toEqual([{
            message: `gcp:serviceaccount/iAMMember:IAMMember bad lets principalSet://iam.googleapis.com/${POOL}/* act as the prod deploy identity ` +
                `${email("k8s-infra-ci-deploy-prod")} (roles/iam.workloadIdentityUser); only jobs in the production environment of ${REPO} may ` +
                `(${principal("environment:production")}). Grant it to that principal only.`,
            urn: bad.urn,
        }]);
    });

    test("when the prod deploy identity is granted to the staging environment, or to main without an environment", () => {
        expect(messagesOf(run(
            onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", principal("environment:staging"), "staging"),
            onAccount("k8s-infra-ci-deploy-prod", "roles/iam.workloadIdentityUser", principal("ref:refs/heads/main"), "main"),
        ))).toEqual([
            expect.stringContaining(`lets ${principal("environment:staging")} act as the prod deploy identity`),
            expect.stringContaining(`lets ${principal("ref:refs/heads/main")} act as the prod deploy identity`),
        ]);
    });

    test("when a group may mint the staging deploy identity's tokens", () => {
        expect(messagesOf(run(onAccount("k8s-infra-ci-deploy-staging", "roles/iam.serviceAccountTokenCreator", "group:k8s-infra-prow-oncall@kubernetes.io")))).toEqual([
            expect.stringContaining("lets group:k8s-infra-prow-oncall@kubernetes.io act as the staging deploy identity"),
        ]);
    });

    test("when the preview identity is granted beyond pull requests and main", () => {
        expect(messagesOf(run(onAccount("k8s-infra-ci-preview", "roles/iam.workloadIdentityUser", principal("environment:production"))))).toEqual([
            expect.stringContaining("act as the preview identity"),
        ]);
    });

    test("when token creation is granted on the identities' project, a folder or the organization (it reaches every account in it)", () => {
        const member = "group:k8s-infra-release-eng-owners@kubernetes.io";
        const v = run(
            grant("gcp:projects/iAMMember:IAMMember", "project", { project: "k8s-infra-pulumi-state", role: "roles/iam.serviceAccountTokenCreator", member }),
            grant("gcp:folder/iAMMember:IAMMember", "folder", { folder: "folders/123", role: "roles/iam.workloadIdentityUser", member }),
            grant("gcp:organizations/iAMMember:IAMMember", "org", { orgId: "758905017065", role: "roles/iam.serviceAccountTokenCreator", member: principal("environment:production") }),
        );
        expect(messagesOf(v)).toEqual([
            expect.stringContaining("on the project k8s-infra-pulumi-state, which reaches every service account in k8s-infra-pulumi-state, the deploy identities too"),
            expect.stringContaining("on the folder folders/123"),
            expect.stringContaining("on the organization 758905017065"),
        ]);
    });

    test("when the preview identity can read secrets: a reading role on a project, the organization, or any role on a secret", () => {
        const v = run(
            grant("gcp:projects/iAMMember:IAMMember", "project", { project: "kubernetes-public", role: "roles/secretmanager.secretAccessor", member: PREVIEW }),
            grant("gcp:organizations/iAMMember:IAMMember", "org", { orgId: "758905017065", role: "roles/secretmanager.admin", member: PREVIEW }),
            grant("gcp:secretmanager/secretIamMember:SecretIamMember", "secret", { project: "kubernetes-public", secretId: "k8s-infra-ci-robot-github-token", role: "roles/secretmanager.viewer", member: PREVIEW }),
        );
        expect(v.map(x => x.urn)).toEqual([urnOf("gcp:projects/iAMMember:IAMMember", "project", "prod"), urnOf("gcp:organizations/iAMMember:IAMMember", "org", "prod"),
            urnOf("gcp:secretmanager/secretIamMember:SecretIamMember", "secret", "prod")]);
        expect(v[0].message).toBe(`The preview identity ${email("k8s-infra-ci-preview")} can read secret values through roles/secretmanager.secretAccessor on the project ` +
            "kubernetes-public: pull requests preview with it, and must not read a secret (the owners' contact details among them). Remove the grant: a preview reads no secret value.");
        expect(v[2].message).toContain("on the secret k8s-infra-ci-robot-github-token");
    });

    test("not for read roles of the preview identity, nor for secret roles of another member", () => {
        expect(run(
            grant("gcp:projects/iAMMember:IAMMember", "viewer", { project: "kubernetes-public", role: "roles/iam.securityReviewer", member: PREVIEW }),
            grant("gcp:projects/iAMMember:IAMMember", "other", { project: "kubernetes-public", role: "roles/secretmanager.secretAccessor", member: "group:k8s-infra-secrets-owners@kubernetes.io" }),
        )).toEqual([]);
    });
});

// The AWS roles (services/governance/aws-ci-identities.ts), from what the component registers in each stack.
describe("AWS roles", () => {
    const HOST = "token.actions.githubusercontent.com";
    const SUB = `${HOST}:sub`;
    const AUD = `${HOST}:aud`;
    const ROLE = "aws:iam/role:Role";
    const PROD_ACCOUNT = "123456789012";
    const providerArn = (account = PROD_ACCOUNT) => `arn:aws:iam::${account}:oidc-provider/${HOST}`;
    const subject = (s: string) => `repo:${REPO}:${s}`;
    let prod: ResourceInput[];
    let staging: ResourceInput[];
    beforeAll(async () => {
        prod = (await deployAwsCi("prod")).resources;
        staging = (await deployAwsCi("staging")).resources;
    });

    const trust = (condition: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Federated: providerArn() }, Action: "sts:AssumeRoleWithWebIdentity", ...(condition ? { Condition: condition } : {}), ...extra }],
    });
    const exact = (...subs: string[]) => ({ StringEquals: { [AUD]: "sts.amazonaws.com", [SUB]: subs } });
    /** The stack's resources with one of the component's roles changed. */
    const changed = (base: ResourceInput[], roleName: string, props: Record<string, unknown>) => {
        const i = base.findIndex(r => r.type === ROLE && r.props.name === roleName);
        expect(i).toBeGreaterThanOrEqual(0);
        return base.map((r, j) => j === i ? { ...r, props: { ...r.props, ...props } } : r);
    };
    const role = (name: string, props: Record<string, unknown>) => grant(ROLE, name, { name, ...props });
    const policyDoc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

    describe("quiet", () => {
        test("on the roles as the component makes them, in either stack", () => {
            expect(runStackPolicy(ciIdentityBoundaries, prod)).toEqual([]);
            expect(runStackPolicy(ciIdentityBoundaries, staging)).toEqual([]);
            expect(run(...prod)).toEqual([]);
        });

        test("on a narrower trust, another issuer's role, another repository's exact subject, an unknown trust", () => {
            const ISSUER = "container.googleapis.com/v1/projects/k8s-infra-prow-build/locations/us-central1/clusters/prow-build";
            expect(runStackPolicy(ciIdentityBoundaries, [
                ...changed(prod, "k8s-infra-ci-preview", { assumeRolePolicy: trust(exact(subject("pull_request"))) }),
                role("k8s-infra-e2e-ci", { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${PROD_ACCOUNT}:oidc-provider/${ISSUER}` },
                    Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:test-pods:*" } } }] }) }),
                role("other-repo", { assumeRolePolicy: trust(exact("repo:kubernetes/website:environment:production")) }),
                role("later", { assumeRolePolicy: unknown() }),
            ])).toEqual([]);
        });

        test("on the preview role's reads, a Deny of secrets, a stack-defined read-only policy, and a deploy role that may read secrets", () => {
            const readOnly = grant("aws:iam/policy:Policy", "reads", { arn: `arn:aws:iam::${PROD_ACCOUNT}:policy/reads`, policy: policyDoc({ Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" }) });
            expect(runStackPolicy(ciIdentityBoundaries, [
                ...prod, readOnly,
                grant("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "reads", { role: "k8s-infra-ci-preview", policyArn: readOnly.props.arn }),
                grant("aws:iam/rolePolicy:RolePolicy", "deny", { role: "k8s-infra-ci-preview", policy: policyDoc({ Effect: "Deny", Action: "*", Resource: "*" }) }),
                grant("aws:iam/rolePolicy:RolePolicy", "deploy", { role: "k8s-infra-ci-deploy-prod", policy: policyDoc({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }) }),
                grant("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "deploy", { role: "k8s-infra-ci-deploy-prod", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
                // In preview: a policy whose document is not known yet, attached by an ARN that is; judged on update.
                grant("aws:iam/policy:Policy", "later", { arn: `arn:aws:iam::${PROD_ACCOUNT}:policy/later`, policy: unknown() }),
                grant("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "later", { role: "k8s-infra-ci-preview", policyArn: `arn:aws:iam::${PROD_ACCOUNT}:policy/later` }),
            ])).toEqual([]);
        });
    });

    describe("fires", () => {
        test("when the prod deploy role's sub is matched with StringLike and a wildcard", () => {
            const v = runStackPolicy(ciIdentityBoundaries, changed(prod, "k8s-infra-ci-deploy-prod",
                { assumeRolePolicy: trust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, StringLike: { [SUB]: `repo:${REPO}:*` } }) }));
            expect(v).toEqual([{
                message: `${ROLE} ci-aws-deploy-prod matches ${SUB} of the prod deploy role k8s-infra-ci-deploy-prod with StringLike (repo:${REPO}:*): ` +
                    `a wildcard lets other branches, environments or repositories assume it. Use StringEquals with ${subject("environment:production")}.`,
                urn: prod.find(r => r.type === ROLE && r.props.name === "k8s-infra-ci-deploy-prod")!.urn,
            }]);
        });

        test("when a role's trust has no condition on sub, or lets anyone's web identity in", () => {
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, [
                ...changed(prod, "k8s-infra-ci-preview", { assumeRolePolicy: trust({ StringEquals: { [AUD]: "sts.amazonaws.com" } }) }),
                role("anyone", { assumeRolePolicy: JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: "sts:*" } }) }),
            ]))).toEqual([
                `${ROLE} ci-aws-preview lets GitHub Actions' OIDC tokens assume the preview role k8s-infra-ci-preview with no condition on ${SUB}: a workflow of any ` +
                    `repository on GitHub could. Add StringEquals on ${SUB} with ${subject("pull_request")} or ${subject("ref:refs/heads/main")}.`,
                expect.stringContaining(`${ROLE} anyone lets GitHub Actions' OIDC tokens assume the role anyone with no condition on ${SUB}`),
            ]);
        });

        test("when a CI role trusts a subject the model does not give it", () => {
            const v = messagesOf(runStackPolicy(ciIdentityBoundaries, [
                ...changed(prod, "k8s-infra-ci-deploy-prod", { assumeRolePolicy: trust(exact(subject("environment:production"), subject("pull_request"))) }),
            ]));
            expect(v).toEqual([`${ROLE} ci-aws-deploy-prod lets ${subject("pull_request")} assume the prod deploy role k8s-infra-ci-deploy-prod; only jobs in the ` +
                `production environment of ${REPO} may (${subject("environment:production")}). Trust those subjects only.`]);
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, [
                ...changed(staging, "k8s-infra-ci-deploy-staging-stg", { assumeRolePolicy: trust(exact(subject("environment:production"))) }),
            ]))).toEqual([expect.stringContaining(`lets ${subject("environment:production")} assume the staging deploy role k8s-infra-ci-deploy-staging-stg; only jobs in the staging environment`)]);
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, changed(prod, "k8s-infra-ci-preview", { assumeRolePolicy: trust(exact(subject("environment:production"))) }))))
                .toEqual([expect.stringContaining("assume the preview role k8s-infra-ci-preview; only pull requests and main of")]);
        });

        test("when another operator than StringEquals names the exact subject", () => {
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, changed(prod, "k8s-infra-ci-deploy-prod",
                { assumeRolePolicy: trust({ "ForAnyValue:StringLike": { [SUB]: [subject("environment:production")] } }) }))))
                .toEqual([expect.stringContaining("with ForAnyValue:StringLike (repo:kubernetes/k8s-infra:environment:production): only StringEquals names exact subjects")]);
        });

        test("when a role outside the CI roles trusts this repository's tokens", () => {
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, [...prod, role("k8s-infra-admin", { assumeRolePolicy: trust(exact(subject("pull_request"))) })]))).toEqual([
                `${ROLE} k8s-infra-admin lets ${subject("pull_request")} assume the role k8s-infra-admin, which is not one of the CI roles ` +
                    `(k8s-infra-ci-preview, k8s-infra-ci-deploy-prod): tokens of ${REPO} may assume only those, whose subjects the model fixes. Remove the statement.`,
            ]);
        });

        test("when the preview role may read secret values: its inline policy, a role policy, an attached policy of the stack", () => {
            const decrypt = grant("aws:iam/policy:Policy", "decrypt", { arn: `arn:aws:iam::${PROD_ACCOUNT}:policy/decrypt`, policy: policyDoc({ Effect: "Allow", Action: "kms:*", Resource: "*" }) });
            const preview = prod.find(r => r.type === ROLE && r.props.name === "k8s-infra-ci-preview")!;
            const inline = [...(preview.props.inlinePolicies as { name: string; policy: string }[]),
                { name: "more", policy: policyDoc({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "*" }) }];
            const v = runStackPolicy(ciIdentityBoundaries, [
                ...changed(prod, "k8s-infra-ci-preview", { inlinePolicies: inline }), decrypt,
                grant("aws:iam/rolePolicy:RolePolicy", "params", { role: "k8s-infra-ci-preview", policy: policyDoc({ Effect: "Allow", Action: "ssm:Get*", Resource: "*" }) }),
                grant("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "decrypt", { role: "k8s-infra-ci-preview", policyArn: decrypt.props.arn }),
            ]);
            expect(messagesOf(v)).toEqual([
                `${ROLE} ci-aws-preview lets the preview role k8s-infra-ci-preview read secret values (secretsmanager:GetSecretValue) through its inline policy more: ` +
                    "pull requests preview with it, and must not read a secret. Remove those actions: a preview reads no secret value.",
                expect.stringContaining("aws:iam/rolePolicy:RolePolicy params lets the preview role k8s-infra-ci-preview read secret values (ssm:GetParameter, ssm:GetParameters, " +
                    "ssm:GetParametersByPath, ssm:GetParameterHistory) through an inline policy"),
                expect.stringContaining(`read secret values (kms:Decrypt, kms:ReEncryptFrom) through the policy arn:aws:iam::${PROD_ACCOUNT}:policy/decrypt`),
            ]);
        });

        test("when a policy the stack does not show is attached to the preview role (ReadOnlyAccess)", () => {
            expect(messagesOf(runStackPolicy(ciIdentityBoundaries, [...staging,
                grant("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ro", { role: "k8s-infra-ci-preview-stg", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
                grant("aws:iam/policyAttachment:PolicyAttachment", "ro2", { roles: ["k8s-infra-ci-preview-stg"], policyArn: "arn:aws:iam::aws:policy/SecretsManagerReadWrite" }),
            ]))).toEqual([
                expect.stringContaining("RolePolicyAttachment ro attaches arn:aws:iam::aws:policy/ReadOnlyAccess to the preview role k8s-infra-ci-preview-stg: its document is not in the stack"),
                expect.stringContaining("PolicyAttachment ro2 attaches arn:aws:iam::aws:policy/SecretsManagerReadWrite to the preview role k8s-infra-ci-preview-stg"),
            ]);
        });
    });
});

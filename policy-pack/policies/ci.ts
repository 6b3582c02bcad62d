// The CI identities' boundaries (services/governance/ci-identities.ts): a deploy
// identity can be acted as only from its own GitHub environment (prod: the
// protected `production`), so that the prod approval is a real boundary; and the
// preview identity, which pull requests use, can read no secret value (the owners'
// contact details among them). The allowed principals come from the model
// (model/ci-identities.ts), not from what the component declares, so a component
// that granted the wrong subject is caught too.
//
// The same in AWS (services/governance/aws-ci-identities.ts): any role whose trust
// lets GitHub's OIDC tokens assume it must match their `sub` with StringEquals (a
// missing condition lets every repository on GitHub in, a StringLike wildcard every
// branch or environment); a CI role may name only its subjects from the model, and
// no other role this repository's; and the preview roles allow no action that
// returns a secret value, nor hold a policy whose document the stack does not show.

import { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { COMPONENT } from "@k8s-infra/model/resource-types";
import {
    AwsCiIdentitiesRecord, AwsCiRoleRecord, CiIdentitiesRecord, CiIdentityRecord, GITHUB_ISSUER_HOST, GITHUB_SUB_KEY, IMPERSONATION_ROLES,
    awsActionCovers, ciSubjects, policyStatements, secretReadsAllowedBy, subjectPrincipal,
} from "@k8s-infra/model/ci-identities";
import { Found, asArray, asString, componentRecord, eachKnown, isUnknown } from "../lib/resources";
import { grantsOf, iamResources } from "../lib/iam";
import { folderReaches, levelOf, secretGrantsTo } from "../lib/secret-readers";

/** The CiIdentities component's record, when the stack has one and its values are known. */
function ciIdentities(resources: readonly PolicyResource[]): Found<CiIdentitiesRecord> | undefined {
    return componentRecord(resources, COMPONENT.ciIdentities, (p): CiIdentitiesRecord => ({
        project: String(p.project), projectNumber: String(p.projectNumber), repository: String(p.repository),
        pool: String(p.pool), provider: String(p.provider),
        identities: asArray<CiIdentityRecord>(p.identities).map(i => ({ ...i, members: asArray<string>(i.members) })),
    }));
}

/** Whether a service account IAM resource is on `email` (its id as projects/P/serviceAccounts/E, projects/-/..., or the e-mail). */
function isOn(r: PolicyResource, email: string): boolean {
    const id = asString(r.props.serviceAccountId) ?? "";
    return id === email || id.endsWith(`/serviceAccounts/${email}`);
}

function who(id: CiIdentityRecord): string {
    return id.deploys ? `the ${id.deploys} deploy identity ${id.email}` : `the preview identity ${id.email}`;
}

function whereFrom(id: CiIdentityRecord, repository: string): string {
    return id.githubEnvironment ? `jobs in the ${id.githubEnvironment} environment of ${repository}` : `pull requests and main of ${repository}`;
}

export const ciIdentityBoundaries: StackValidationPolicy = {
    name: RULE.ciIdentities,
    description: "A deploy identity can be acted as only from its own GitHub environment (prod: production, behind its reviewers), " +
        "and the preview identity that pull requests use holds no role that can read a secret value; in AWS too, where a role " +
        "GitHub's tokens may assume matches their sub with StringEquals, to the model's subjects for a CI role.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        const ci = ciIdentities(args.resources);
        if (ci) gcpBoundaries(args.resources, ci.record, reportViolation);
        const aws = awsCiIdentities(args.resources);
        awsBoundaries(args.resources, aws?.record, aws?.record.repository ?? ci?.record.repository, reportViolation);
    },
};

/** The GCP identities: who may act as each service account, and what the preview identity may read. */
function gcpBoundaries(resources: readonly PolicyResource[], record: CiIdentitiesRecord, reportViolation: ReportViolation): void {
    const identities = asArray<CiIdentityRecord>(record.identities);
    // The principals each identity may be acted as by: the model's subjects, in this pool.
    const allowed = new Map(identities.map(id => [id.email, new Set(
        ciSubjects(id.key, record.repository).map(s => subjectPrincipal(record.projectNumber, record.pool, s)))]));
    const foldersCount = folderReaches(resources, record.project);

    eachKnown(iamResources(resources), r => {
        const level = levelOf(r.type);
        const onAccount = r.type.startsWith("gcp:serviceaccount/");
        for (const g of grantsOf(r)) {
            if (!IMPERSONATION_ROLES.includes(g.role)) continue;
            if (onAccount) {
                const id = identities.find(i => isOn(r, i.email));
                if (!id || allowed.get(id.email)!.has(g.member)) continue;
                const principals = [...allowed.get(id.email)!].join(" or ");
                reportViolation(`${r.type} ${r.name} lets ${g.member} act as ${who(id)} (${g.role}); only ${whereFrom(id, record.repository)} may ` +
                    `(${principals}). Grant it to ${id.githubEnvironment ? "that principal" : "those principals"} only.`, r.urn);
                continue;
            }
            // On the project, a folder above it or the organization, the role reaches every account in the project.
            const reaches = level === "project" ? asString(r.props.project) === record.project
                : level === "folder" ? foldersCount : level === "organization";
            if (!reaches) continue;
            const on = level === "project" ? record.project : level === "folder" ? String(r.props.folder ?? "") : String(r.props.orgId ?? "");
            reportViolation(`${r.type} ${r.name} grants ${g.role} to ${g.member} on the ${level} ${on}, which reaches every service account in ` +
                `${record.project}, the deploy identities too (IAM is inherited). Grant it on one service account, to the principal of its environment.`, r.urn);
        }
    });

    const preview = identities.filter(id => !id.deploys);
    const byMember = new Map(preview.map(id => [`serviceAccount:${id.email}`, id]));
    for (const s of secretGrantsTo(resources, new Set(byMember.keys()))) {
        const id = byMember.get(s.member)!;
        const where = s.level === "secret" ? `on the secret ${s.on}` : `on the ${s.level} ${s.on}`;
        const subject = who(id);
        reportViolation(`${subject[0].toUpperCase()}${subject.slice(1)} can read secret values through ${s.role} ${where}: pull requests preview with it, and must not read ` +
            "a secret (the owners' contact details among them). Remove the grant: a preview reads no secret value.", s.urn);
    }
}

// ---- AWS ----

const AWS_ROLE = "aws:iam/role:Role";
const AWS_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const AWS_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const AWS_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
const AWS_POLICY = "aws:iam/policy:Policy";
const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

/** The AwsCiIdentities component's record, when the stack has one and its values are known. */
function awsCiIdentities(resources: readonly PolicyResource[]): Found<AwsCiIdentitiesRecord> | undefined {
    return componentRecord(resources, COMPONENT.awsCiIdentities, (p): AwsCiIdentitiesRecord => ({
        environment: p.environment, accountId: String(p.accountId), region: String(p.region), repository: String(p.repository),
        providerArn: String(p.providerArn), maxSessionSeconds: Number(p.maxSessionSeconds),
        roles: asArray<AwsCiRoleRecord>(p.roles).map(x => ({ ...x, subjects: asArray<string>(x.subjects) })),
    }));
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String);

/** Whether a trust statement lets GitHub's OIDC tokens assume the role: web identity, federated to GitHub's provider (or to anyone). */
function trustsGithub(st: Record<string, unknown>): boolean {
    if (st.Effect !== "Allow") return false;
    const allows = st.NotAction !== undefined
        ? !listOf(st.NotAction).some(p => awsActionCovers(p, WEB_IDENTITY))
        : listOf(st.Action).some(p => awsActionCovers(p, WEB_IDENTITY));
    if (!allows) return false;
    const principal = st.Principal;
    if (principal === "*") return true;
    if (!principal || typeof principal !== "object") return false;
    return listOf((principal as Record<string, unknown>).Federated)
        .some(f => f === "*" || f === GITHUB_ISSUER_HOST || f.endsWith(`:oidc-provider/${GITHUB_ISSUER_HOST}`));
}

/** The conditions of a statement on GitHub's sub (condition keys are case-insensitive), by operator. */
function subConditions(st: Record<string, unknown>): { op: string; values: string[] }[] {
    const cond = st.Condition;
    if (!cond || typeof cond !== "object") return [];
    const out: { op: string; values: string[] }[] = [];
    for (const [op, keys] of Object.entries(cond as Record<string, unknown>)) {
        if (!keys || typeof keys !== "object") continue;
        for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
            if (key.toLowerCase() === GITHUB_SUB_KEY.toLowerCase()) out.push({ op, values: listOf(values) });
        }
    }
    return out;
}

function awsWho(role: AwsCiRoleRecord): string {
    return role.deploys ? `the ${role.deploys} deploy role ${role.name}` : `the preview role ${role.name}`;
}

function awsWhereFrom(role: AwsCiRoleRecord, repository: string): string {
    return role.githubEnvironment ? `jobs in the ${role.githubEnvironment} environment of ${repository}` : `pull requests and main of ${repository}`;
}

/** The AWS roles: how GitHub's tokens may assume them, and what the preview roles may read. */
function awsBoundaries(resources: readonly PolicyResource[], record: AwsCiIdentitiesRecord | undefined, repository: string | undefined,
    reportViolation: ReportViolation): void {
    const roles = record?.roles ?? [];
    awsTrust(resources, roles, repository, reportViolation);
    awsPreviewReads(resources, roles.filter(x => !x.deploys), reportViolation);
}

/** Which GitHub tokens may assume each role: exact subjects, and only the CI roles for this repository's. */
function awsTrust(resources: readonly PolicyResource[], roles: readonly AwsCiRoleRecord[], repository: string | undefined, reportViolation: ReportViolation): void {
    const thisRepo = repository ? `repo:${repository}:` : undefined;

    eachKnown(resources.filter(r => r.type === AWS_ROLE), r => {
        // A role whose name is not known yet (preview) is still judged on its trust, as a role outside the CI roles.
        let name: string | undefined;
        try { name = asString(r.props.name); } catch (err) { if (!isUnknown(err)) throw err; }
        const ci = name === undefined ? undefined : roles.find(x => x.name === name);
        const allowed = ci && repository ? ciSubjects(ci.key, repository) : undefined;
        const role = ci ? awsWho(ci) : `the role ${name ?? r.name}`;
        const want = allowed ? allowed.join(" or ") : "the exact subjects that may assume it";
        for (const st of policyStatements(r.props.assumeRolePolicy).filter(trustsGithub)) {
            const subs = subConditions(st);
            if (subs.length === 0) {
                reportViolation(`${r.type} ${r.name} lets GitHub Actions' OIDC tokens assume ${role} with no condition on ${GITHUB_SUB_KEY}: ` +
                    `a workflow of any repository on GitHub could. Add StringEquals on ${GITHUB_SUB_KEY} with ${want}.`, r.urn);
                continue;
            }
            for (const { op, values } of subs) {
                if (op !== "StringEquals") {
                    const wildcard = values.some(v => /[*?]/.test(v));
                    reportViolation(`${r.type} ${r.name} matches ${GITHUB_SUB_KEY} of ${role} with ${op} (${values.join(", ")}): ` +
                        (wildcard ? "a wildcard lets other branches, environments or repositories assume it" : "only StringEquals names exact subjects") +
                        `. Use StringEquals with ${want}.`, r.urn);
                    continue;
                }
                for (const v of values) {
                    if (ci && allowed && !allowed.includes(v)) {
                        reportViolation(`${r.type} ${r.name} lets ${v} assume ${role}; only ${awsWhereFrom(ci, repository!)} may (${want}). ` +
                            "Trust those subjects only.", r.urn);
                    } else if (!ci && thisRepo && v.startsWith(thisRepo)) {
                        reportViolation(`${r.type} ${r.name} lets ${v} assume ${role}, which is not one of the CI roles` +
                            `${roles.length ? ` (${roles.map(x => x.name).join(", ")})` : ""}: tokens of ${repository} may assume only those, ` +
                            "whose subjects the model fixes. Remove the statement.", r.urn);
                    }
                }
            }
        }
    });
}

/** What the preview roles may do: their inline policies, and every policy attached to them, read no secret value. */
function awsPreviewReads(resources: readonly PolicyResource[], preview: readonly AwsCiRoleRecord[], reportViolation: ReportViolation): void {
    if (preview.length === 0) return;
    const previewOf = (role: unknown) => preview.find(x => role === x.name || role === x.arn);
    // The stack's own policies by ARN; a document not known yet (preview) is judged on update.
    const NOT_KNOWN_YET = Symbol("not known yet");
    const documents = new Map<string, unknown>();
    eachKnown(resources.filter(r => r.type === AWS_POLICY), r => {
        const arn = asString(r.props.arn);
        if (!arn) return;
        try { documents.set(arn, r.props.policy); } catch (err) { if (!isUnknown(err)) throw err; documents.set(arn, NOT_KNOWN_YET); }
    });
    const judgeDocument = (r: PolicyResource, target: AwsCiRoleRecord, doc: unknown, through: string) => {
        const reads = [...new Set(policyStatements(doc).flatMap(secretReadsAllowedBy))];
        if (reads.length === 0) return;
        reportViolation(`${r.type} ${r.name} lets ${awsWho(target)} read secret values (${reads.join(", ")}) through ${through}: pull requests preview ` +
            "with it, and must not read a secret. Remove those actions: a preview reads no secret value.", r.urn);
    };
    const judgeAttached = (r: PolicyResource, target: AwsCiRoleRecord, arn: string) => {
        if (documents.get(arn) === NOT_KNOWN_YET) return;
        if (documents.has(arn)) return judgeDocument(r, target, documents.get(arn), `the policy ${arn}`);
        reportViolation(`${r.type} ${r.name} attaches ${arn} to ${awsWho(target)}: its document is not in the stack, so nothing shows it ` +
            "reads no secret value (AWS-managed policies are broad and change under the stack). Give the preview role what it reads " +
            "in its own inline policy (services/governance/aws-ci-identities.ts).", r.urn);
    };

    eachKnown(resources.filter(r => r.type === AWS_ROLE), r => {
        const target = previewOf(asString(r.props.name));
        if (!target) return;
        for (const p of asArray<{ name?: string; policy?: unknown }>(r.props.inlinePolicies)) {
            judgeDocument(r, target, p.policy, `its inline policy ${p.name ?? ""}`.trimEnd());
        }
        for (const arn of asArray<string>(r.props.managedPolicyArns)) judgeAttached(r, target, String(arn));
    });
    eachKnown(resources.filter(r => r.type === AWS_ROLE_POLICY), r => {
        const target = previewOf(asString(r.props.role));
        if (target) judgeDocument(r, target, r.props.policy, "an inline policy");
    });
    eachKnown(resources.filter(r => r.type === AWS_ROLE_POLICY_ATTACHMENT), r => {
        const target = previewOf(asString(r.props.role));
        if (target) judgeAttached(r, target, String(r.props.policyArn));
    });
    eachKnown(resources.filter(r => r.type === AWS_POLICY_ATTACHMENT), r => {
        for (const role of asArray<string>(r.props.roles)) {
            const target = previewOf(role);
            if (target) judgeAttached(r, target, String(r.props.policyArn));
        }
    });
}

import * as path from "path";
import { ownerContactDetails, ownerContactDetailsStaging } from "../../policy-pack/policies/contacts";
import { COMPONENT } from "../../model/resource-types";
import {
    StackResource, messagesOf, ownerRecord, runStackPolicy, stackFromRoster, subprojectProps, withUnknown,
} from "../helpers/policy";
import type { Environment } from "../../model/naming";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
const ALL = { alternateEmail: true, phone: true };
const PEOPLE = ["ada-quill", "bram-okafor", "chen-liwei", "dara-mensah", "eli-novak", "fatima-rahman", "gus-lindqvist",
    "hana-sato", "ivan-petrov", "jo-mbeki", "kai-moreno", "lena-fischer", "mo-haddad", "nia-walker"];

/** A stack where every owner has both contact fields, except the overrides given. */
function stack(environment: Environment, overrides: Record<string, { alternateEmail: boolean; phone: boolean }> = {}): StackResource[] {
    const contactFields = Object.fromEntries(PEOPLE.map(h => [h, overrides[h] ?? ALL]));
    return stackFromRoster(ROSTER, { environment, contactFields });
}

function strayGrant(resources: StackResource[], member: string, secretId?: string): StackResource {
    const readers = resources.find(r => r.type === "gcp:secretmanager/secretIamMember:SecretIamMember")!;
    return { ...readers, name: "stray", urn: `${readers.urn}-stray`, props: { ...readers.props, member, ...(secretId ? { secretId } : {}) } };
}

describe("owner-contact-details (prod, mandatory)", () => {
    test("the sample stacks have every owner's details: quiet", () => {
        expect(runStackPolicy(ownerContactDetails, stackFromRoster(ROSTER, { environment: "prod" }))).toEqual([]);
        expect(runStackPolicy(ownerContactDetailsStaging, stackFromRoster(ROSTER, { environment: "staging" }))).toEqual([]);
    });

    test("an owner without a phone fires, naming the owner, subproject, field and the command to fix it", () => {
        const v = runStackPolicy(ownerContactDetails, stack("prod", { "ada-quill": { alternateEmail: true, phone: false } }));
        expect(v).toHaveLength(1);
        expect(v[0].message).toContain("Owner ada-quill of artifacts (roster/subprojects.yaml:14) has no phone on record");
        expect(v[0].message).toContain("ada-quill sends it privately to a WG lead");
        expect(v[0].message).toContain("roster/contacts-on-file.yaml");
        expect(v[0].urn).toMatch(/Subproject::artifacts$/);
    });

    test("an owner with nothing on record is reported once per subproject they own, with every missing field", () => {
        // fatima-rahman owns artifacts and test-pool.
        const v = runStackPolicy(ownerContactDetails, stack("prod", { "fatima-rahman": { alternateEmail: false, phone: false } }));
        expect(messagesOf(v)).toEqual([
            expect.stringContaining("Owner fatima-rahman of artifacts (roster/subprojects.yaml:14) has no alternate e-mail, phone on record"),
            expect.stringContaining("Owner fatima-rahman of test-pool"),
        ]);
    });

    test("an owner without a timezone fires", () => {
        const resources = stack("prod");
        subprojectProps(resources, "dns").owners[0].timezone = "";
        expect(messagesOf(runStackPolicy(ownerContactDetails, resources))).toEqual([expect.stringContaining("Owner dara-mensah of dns (roster/subprojects.yaml:24) has no timezone")]);
    });

    test("the prod policy does not judge a staging stack", () => {
        expect(runStackPolicy(ownerContactDetails, stack("staging", { "ada-quill": { alternateEmail: false, phone: false } }))).toEqual([]);
    });
});

describe("owner-contact-details-staging (advisory)", () => {
    test("fires for a staging stack", () => {
        expect(ownerContactDetailsStaging.enforcementLevel).toBe("advisory");
        const v = runStackPolicy(ownerContactDetailsStaging, stack("staging", { "hana-sato": { alternateEmail: false, phone: true } }));
        expect(messagesOf(v)).toEqual([
            expect.stringContaining("Owner hana-sato of prow (roster/subprojects.yaml:34) has no alternate e-mail on record"),
            expect.stringContaining("Owner hana-sato of test-pool"),
        ]);
        expect(v[0].message).toContain("roster/contacts-on-file.yaml");
    });

    test("does not judge a prod stack", () => {
        expect(runStackPolicy(ownerContactDetailsStaging, stack("prod", { "hana-sato": { alternateEmail: false, phone: false } }))).toEqual([]);
    });
});

describe("contact values stay out of the stack", () => {
    test("the contacts store has the secret and its reader grant, never a version with the values", () => {
        const resources = stack("prod", { "ada-quill": { alternateEmail: true, phone: false } });
        const store = resources.find(r => r.type === COMPONENT.ownerContacts)!;
        const children = resources.filter(r => r.parent === store.urn).map(r => r.type);
        expect(children.sort()).toEqual(["gcp:secretmanager/secret:Secret", "gcp:secretmanager/secretIamMember:SecretIamMember"]);
        resources.push(strayGrant(resources, "user:someone@example.org"));
        const v = runStackPolicy(ownerContactDetails, resources);
        expect(v.length).toBeGreaterThanOrEqual(2);
        for (const m of messagesOf(v)) expect(m).not.toMatch(/\+\d/);
    });
});

describe("readers of the contacts secret", () => {
    test("the one reader grant to the contact-readers group is quiet", () => {
        const resources = stack("prod");
        expect(resources.filter(r => r.type.startsWith("gcp:secretmanager/secretIam"))).toHaveLength(1);
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([]);
    });

    test("a stray reader on the contacts secret fires, naming the member and the group", () => {
        const resources = stack("prod");
        const stray = strayGrant(resources, "group:everyone@kubernetes.io");
        resources.push(stray);
        const v = runStackPolicy(ownerContactDetails, resources);
        expect(v).toEqual([{
            message: "The owner contacts secret is granted to group:everyone@kubernetes.io; only group:k8s-infra-owner-contacts@kubernetes.io may read it. Remove the grant.",
            urn: stray.urn,
        }]);
    });

    test("a stray reader named by the secret's full resource path fires too", () => {
        const resources = stack("staging");
        resources.push(strayGrant(resources, "user:x@example.org", "projects/k8s-infra-public-pii-stg/secrets/k8s-infra-owner-contacts-stg"));
        expect(messagesOf(runStackPolicy(ownerContactDetailsStaging, resources))).toEqual([expect.stringContaining("granted to user:x@example.org")]);
    });

    test("a whole IAM policy on the contacts secret is read binding by binding", () => {
        const resources = stack("prod");
        const readers = resources.find(r => r.type === "gcp:secretmanager/secretIamMember:SecretIamMember")!;
        const policyData = JSON.stringify({ bindings: [
            { role: "roles/secretmanager.secretAccessor", members: ["group:k8s-infra-owner-contacts@kubernetes.io", "group:everyone@kubernetes.io"] },
        ] });
        resources.push({ type: "gcp:secretmanager/secretIamPolicy:SecretIamPolicy", name: "whole-policy", urn: "urn:whole-policy",
            props: { project: readers.props.project, secretId: readers.props.secretId, policyData } });
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([{
            message: expect.stringContaining("granted to group:everyone@kubernetes.io"), urn: "urn:whole-policy",
        }]);
    });

    test("a grant on another secret is none of this policy's business", () => {
        const resources = stack("prod");
        resources.push(strayGrant(resources, "user:x@example.org", "k8s-infra-other-secret"));
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([]);
    });
});

describe("unknown values during preview", () => {
    test("an unknown owner list skips that subproject; the others are still judged", () => {
        const resources = stack("prod", { "ada-quill": { alternateEmail: false, phone: true }, "dara-mensah": { alternateEmail: true, phone: false } });
        const artifacts = resources.find(r => r.type === COMPONENT.subproject && r.name === "artifacts")!;
        artifacts.props = withUnknown(artifacts.props, "owners", "array");
        expect(messagesOf(runStackPolicy(ownerContactDetails, resources))).toEqual([
            expect.stringContaining("Owner dara-mensah of dns"),
            expect.stringContaining("Owner dara-mensah of secrets"),
        ]);
    });

    test("an unknown member on one grant skips that grant; a stray grant elsewhere still fires", () => {
        const resources = stack("prod");
        const unknownGrant = strayGrant(resources, "placeholder");
        unknownGrant.props = withUnknown(unknownGrant.props, "member");
        resources.push(unknownGrant, { ...strayGrant(resources, "user:x@example.org"), urn: "urn:second" });
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([expect.objectContaining({ urn: "urn:second" })]);
    });

    test("an unknown secret id on the store does not stop the owner checks", () => {
        const resources = stack("prod", { "ada-quill": { alternateEmail: false, phone: true } });
        const store = resources.find(r => r.type === COMPONENT.ownerContacts)!;
        store.props = withUnknown(store.props, "secretId");
        expect(messagesOf(runStackPolicy(ownerContactDetails, resources))).toEqual([expect.stringContaining("Owner ada-quill of artifacts")]);
    });
});

test("ownerRecord copies are independent of the stack", () => {
    const resources = stack("prod");
    ownerRecord(resources, "ada-quill").timezone = "";
    expect(runStackPolicy(ownerContactDetails, resources)).toEqual([]);
});

describe("readers of the contacts secret at any level (IAM is inherited)", () => {
    const GOV = "k8s-infra-public-pii";
    const grant = (type: string, props: Record<string, unknown>, name = "grant"): StackResource =>
        ({ type, name, urn: `urn:${name}`, props });
    const projectGrant = (role: string, member = "serviceAccount:ci@k8s-infra-ci.iam.gserviceaccount.com", project = GOV) =>
        grant("gcp:projects/iAMMember:IAMMember", { project, role, member }, `project-${role}`);

    test.each(["roles/secretmanager.secretAccessor", "roles/secretmanager.admin", "roles/owner", "roles/resourcemanager.projectIamAdmin",
        "projects/k8s-infra-public-pii/roles/reader"])("%s on the project that holds the secret fires, naming member, role and project", role => {
        const resources = [...stack("prod"), projectGrant(role)];
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([{
            message: expect.stringContaining(`read by serviceAccount:ci@k8s-infra-ci.iam.gserviceaccount.com through ${role} on the project ${GOV}`),
            urn: `urn:project-${role}`,
        }]);
    });

    test("quiet: the same role on another project, a role that cannot read secrets on it, the readers group itself", () => {
        const resources = [...stack("prod"),
            projectGrant("roles/secretmanager.secretAccessor", undefined, "k8s-infra-prow-build"),
            projectGrant("roles/storage.admin"),
            projectGrant("roles/secretmanager.viewer"),
            projectGrant("roles/secretmanager.secretAccessor", "group:k8s-infra-owner-contacts@kubernetes.io")];
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([]);
    });

    test("a whole project IAM policy is read binding by binding", () => {
        const policyData = JSON.stringify({ bindings: [{ role: "roles/secretmanager.secretAccessor", members: ["group:everyone@kubernetes.io"] }] });
        const resources = [...stack("prod"), grant("gcp:projects/iAMPolicy:IAMPolicy", { project: GOV, policyData }, "whole")];
        expect(messagesOf(runStackPolicy(ownerContactDetails, resources))).toEqual([expect.stringContaining("group:everyone@kubernetes.io through roles/secretmanager.secretAccessor")]);
    });

    test("an organization grant fires; a folder grant fires while the stack does not say where the project is", () => {
        const org = grant("gcp:organizations/iAMMember:IAMMember", { orgId: "758905017065", role: "roles/owner", member: "group:admins@kubernetes.io" }, "org");
        const folder = grant("gcp:folder/iAMBinding:IAMBinding", { folder: "folders/42", role: "roles/secretmanager.admin", members: ["group:x@kubernetes.io"] }, "folder");
        expect(runStackPolicy(ownerContactDetails, [...stack("prod"), org, folder])).toEqual([
            { message: expect.stringContaining("through roles/owner on the organization 758905017065"), urn: "urn:org" },
            { message: expect.stringContaining("through roles/secretmanager.admin on the folder folders/42"), urn: "urn:folder" },
        ]);
    });

    test("a folder grant is quiet when the stack makes the project directly under the organization", () => {
        const project = grant("gcp:organizations/project:Project", { projectId: GOV, orgId: "758905017065" }, "gov-project");
        const folder = grant("gcp:folder/iAMMember:IAMMember", { folder: "folders/42", role: "roles/owner", member: "group:x@kubernetes.io" }, "folder");
        expect(runStackPolicy(ownerContactDetails, [...stack("prod"), project, folder])).toEqual([]);
        project.props = { projectId: GOV, folderId: "42" };
        expect(messagesOf(runStackPolicy(ownerContactDetails, [...stack("prod"), project, folder]))).toEqual([expect.stringContaining("folders/42")]);
    });

    test("an unknown role on a project grant skips that grant only", () => {
        const unknownRole = projectGrant("placeholder");
        unknownRole.props = withUnknown(unknownRole.props, "role");
        const resources = [...stack("prod"), unknownRole, { ...projectGrant("roles/owner"), urn: "urn:known" }];
        expect(runStackPolicy(ownerContactDetails, resources)).toEqual([expect.objectContaining({ urn: "urn:known" })]);
    });
});

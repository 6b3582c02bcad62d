// Contact details: every owner has an alternate e-mail, a phone number and a
// timezone on record (mandatory in prod, advisory in staging), the secret that
// holds them is readable by the contact-readers group alone, and no resource or
// stack output carries one in clear. Messages name fields, never a value.

import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { COMPONENT } from "@k8s-infra/model/resource-types";
import type { Environment } from "@k8s-infra/model/naming";
import type { OwnerRecord } from "@k8s-infra/model/stack-model";
import { at, asArray, asString, eachKnown, subprojects } from "../lib/resources";
import { SecretAt, SecretReader, readersOf } from "../lib/secret-readers";
import { looksLikePhoneNumber, stringLeaves } from "@k8s-infra/model/personal-data";

function missingFields(owner: OwnerRecord): string[] {
    const missing: string[] = [];
    if (!owner.contact?.alternateEmail) missing.push("alternate e-mail");
    if (!owner.contact?.phone) missing.push("phone");
    if (!owner.timezone) missing.push("timezone");
    return missing;
}

/** Grants through which someone other than the readers group can read the owner-contacts secret, at any level. */
function strayReaders(resources: readonly PolicyResource[]): (SecretReader & { group: string })[] {
    const store = resources.find(r => r.type === COMPONENT.ownerContacts);
    if (!store) return [];
    // The store's id may be unknown during preview: then no grant can be matched to it.
    let known: { secret: SecretAt; group: string } | undefined;
    eachKnown([store], s => {
        const secretId = asString(s.props.secretId);
        const project = asString(s.props.project);
        if (secretId && project) known = { secret: { secretId, project }, group: `group:${asString(s.props.readersGroup)}` };
    });
    if (!known) return [];
    const { secret, group } = known;
    return readersOf(resources, secret).filter(g => g.member !== group).map(g => ({ ...g, group }));
}

function strayMessage(s: SecretReader & { group: string }): string {
    if (s.level === "secret") return `The owner contacts secret is granted to ${s.member}; only ${s.group} may read it. Remove the grant.`;
    return `The owner contacts secret can be read by ${s.member} through ${s.role} on the ${s.level} ${s.on} that holds it ` +
        `(IAM is inherited); only ${s.group} may read it. Remove the grant, or grant ${s.role} where the contacts secret is not.`;
}

function contactPolicy(name: string, environment: Environment, level: "mandatory" | "advisory"): StackValidationPolicy {
    return {
        name,
        description: `Every owner of a ${environment} subproject has alternate e-mail, phone and timezone on record, readable only by the contact-readers group (charter: owners provide contact details within the WG).`,
        enforcementLevel: level,
        severity: environment === "prod" ? "high" : "low",
        validateStack: (args, reportViolation) => {
            const subs = subprojects(args.resources).filter(s => s.record.environment === environment);
            eachKnown(subs, ({ urn, record }) => {
                for (const owner of asArray<OwnerRecord>(record.owners)) {
                    const missing = missingFields(owner);
                    if (missing.length > 0) {
                        reportViolation(`Owner ${owner.github} of ${record.name}${at(record)} has no ${missing.join(", ")} on record; ` +
                            `${owner.github} sends it privately to a WG lead, who stores it in the owner-contacts secret and records the date ` +
                            `in roster/contacts-on-file.yaml${missing.includes("timezone") ? " (the timezone goes in people.yaml)" : ""}`, urn);
                    }
                }
            });
            if (subs.length === 0) return;
            for (const s of strayReaders(args.resources)) {
                reportViolation(strayMessage(s), s.urn);
            }
        },
    };
}

export const ownerContactDetails = contactPolicy(RULE.contacts, "prod", "mandatory");
export const ownerContactDetailsStaging = contactPolicy(RULE.contactsStaging, "staging", "advisory");

/** A phone number in any input of any resource, or in the stack's outputs, is refused wherever it comes from. */
export const noPlainTextContacts: StackValidationPolicy = {
    name: RULE.plainTextContacts,
    description: "No resource input or stack output holds a phone number or other contact detail in clear (charter: contact details are shared within the WG only).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        eachKnown(args.resources, r => {
            for (const leaf of stringLeaves(r.props)) {
                if (!looksLikePhoneNumber(leaf.text)) continue;
                reportViolation(`${r.type === "pulumi:pulumi:Stack" ? "The stack output" : `${r.type} ${r.name}, property`} ` +
                    `${leaf.path.join(".")} looks like a phone number: owners' contact details belong in the owner-contacts secret only. ` +
                    "Remove it from the config or roster it came from.", r.urn);
            }
        });
    },
};

// IAM grants as (role, member) pairs, whatever resource makes them: an IAM member,
// an IAM binding or a whole IAM policy document. Shared by the access and contacts
// policies so that every kind of grant is seen the same way.

import { PolicyResource } from "@pulumi/policy";
import { asArray, asString } from "./resources";

export interface Grant {
    role: string;
    member: string;
}

const IAM_TYPE = /:[A-Za-z]*(?:IAM|Iam)(?:Member|Binding|Policy)$/;

/** The (role, member) pairs an IAM member, binding or policy resource grants. */
export function grantsOf(r: Pick<PolicyResource, "type" | "props">): Grant[] {
    if (!IAM_TYPE.test(r.type)) return [];
    const props = r.props;
    if (typeof props.policyData === "string") {
        try {
            const policy = JSON.parse(props.policyData) as { bindings?: { role?: string; members?: string[] }[] };
            return asArray<{ role?: string; members?: string[] }>(policy.bindings)
                .flatMap(b => asArray<string>(b.members).map(member => ({ role: String(b.role ?? ""), member })));
        } catch {
            return [];
        }
    }
    const role = asString(props.role) ?? "";
    const members = props.member !== undefined ? [props.member] : asArray(props.members);
    return members.filter((m): m is string => typeof m === "string").map(member => ({ role, member }));
}

/** The resources that grant IAM. */
export function iamResources(resources: readonly PolicyResource[]): PolicyResource[] {
    return resources.filter(r => IAM_TYPE.test(r.type));
}

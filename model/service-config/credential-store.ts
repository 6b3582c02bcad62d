// Stack config for the credential-store service (k8s-infra:services.credential-store):
// Secret Manager secrets, each owned by one roster subproject whose owners group
// administers it, and read only by the groups and service accounts listed here.
// Only which secrets exist is configured: values are added out of band, never here.

import { z } from "zod";
import { ProjectId, SecretId } from "./names";
import { Member } from "./member";
import { stemProblem } from "../naming";
import { OWNER_CONTACTS_SECRET } from "../personal-data";
import { uniqueBy } from "./unique";

const Stem = z.string().superRefine((s, ctx) => {
    const problem = stemProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** The governance secret's output key and id (services/governance/owner-contacts.ts); a configured secret may take neither. */
export const RESERVED_SECRET_KEYS = ["owner-contacts", OWNER_CONTACTS_SECRET];

const Accessor = Member.refine(m => m.startsWith("group:") || m.startsWith("serviceAccount:"), {
    message: "secrets are read by groups (group:...) or service accounts (serviceAccount:...) only",
});

export const SecretConfig = z.strictObject({
    /** The secret's prod id (k8s.io names secrets for what they hold); plus -stg in staging. */
    id: SecretId.refine(s => !RESERVED_SECRET_KEYS.includes(s), { message: `is reserved (${RESERVED_SECRET_KEYS.join(", ")}); pick another id` }),
    /** The roster subproject that owns the secret: its k8s-infra-<subproject>-owners@ group administers it. */
    subproject: Stem,
    /** What the secret is for (an annotation on the secret). */
    description: z.string().min(1).max(200).optional(),
    /** Groups and service accounts that read the secret's versions. */
    accessors: z.array(Accessor).default([]),
});
export type SecretConfig = z.infer<typeof SecretConfig>;

export const CredentialStoreConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    secrets: z.array(SecretConfig).superRefine(uniqueBy("id", s => [s.id])).default([]),
});
export type CredentialStoreConfig = z.infer<typeof CredentialStoreConfig>;

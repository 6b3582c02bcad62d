// The shape of the roster files, as zod schemas. Field-level rules live here
// (formats, required fields, non-blank text); rules that need more than one record
// (unknown handles, duplicates, look-alikes, parents) live in crossref.ts.

import { z } from "zod";
import { WAIVABLE_RULES } from "../rules";
import { SERVICE_IDS } from "../services";
import { stemProblem } from "../naming";
import { didYouMean } from "../did-you-mean";
import { GroupAddress, line, text } from "./text";
import { MAX_STAGING_NAME } from "../group-names";
import { ISO_DATE, isCalendarDay } from "../dates";

/** GitHub logins: alphanumerics and single hyphens, at most 39 characters. */
export const Handle = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    { message: "is not a GitHub handle (letters, digits and single hyphens, at most 39 characters)" });

export const IsoDate = z.string().regex(ISO_DATE, { message: "is not a date; write YYYY-MM-DD" })
    .refine(isCalendarDay, { message: "is not a real calendar date; write YYYY-MM-DD" });

/** IANA names such as Europe/Berlin or UTC, as the runtime's ICU knows them. */
export function isIanaTimezone(tz: string): boolean {
    if (!/^(?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+)$/.test(tz)) return false;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
    } catch {
        return false;
    }
}
/** The zones the runtime's ICU knows (Node 20 has Intl.supportedValuesOf; the es2020 lib this compiles with does not declare it). */
const IANA_ZONES = () => (Intl as unknown as { supportedValuesOf(key: "timeZone"): string[] }).supportedValuesOf("timeZone");
export const Timezone = z.string().superRefine((tz, ctx) => {
    if (isIanaTimezone(tz)) return;
    ctx.addIssue({ code: "custom", message: "is not an IANA timezone; use a name like Europe/Berlin, America/New_York or UTC." +
        didYouMean(tz, IANA_ZONES()) });
});

const Stem = z.string().superRefine((s, ctx) => {
    const problem = stemProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const Organization = z.strictObject({
    name: line("name the organization"),
    aliases: z.array(line("write the other spelling, or remove the entry")).default([]),
    parent: line("name the parent organization, or leave the field out").optional(),
});

export const INDEPENDENT = "independent";

export const Vetting = z.strictObject({
    vouchedBy: z.array(Handle).min(1, { message: "names nobody; list the owners or WG leads who vouched" }),
    date: IsoDate,
});

export const Person = z.strictObject({
    github: Handle,
    name: line("write the person's name"),
    email: z.email({ message: "is not an e-mail address" }),
    affiliation: line(`name an organization or write "${INDEPENDENT}"`),
    timezone: Timezone,
    vetting: Vetting.optional(),
});

export const Waiver = z.strictObject({
    rule: z.enum(WAIVABLE_RULES, { message: `is not a rule that can be waived (${WAIVABLE_RULES.join(", ")})` }),
    reason: text("say why the rule cannot be met yet"),
    expires: IsoDate,
    plan: text("say how and when the rule will be met"),
});

export const Oncall = z.strictObject({
    rotation: line("name the on-call rotation"),
    escalation: z.array(GroupAddress).min(1, { message: "is empty; list who is escalated to, in order" }),
});

export const Subproject = z.strictObject({
    name: Stem,
    description: text("describe the subproject, or leave the field out").optional(),
    sigs: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "is not a SIG name like release or contributor-experience" })).min(1),
    services: z.array(z.enum(SERVICE_IDS, { message: `is not a charter service (${SERVICE_IDS.join(", ")})` })).default([]),
    owners: z.array(Handle),
    phase: z.enum(["bootstrapping", "steady"], { message: "must be bootstrapping or steady" }),
    oncall: Oncall.optional(),
    waivers: z.array(Waiver).default([]),
});

export const WorkingGroup = z.strictObject({
    name: line("name the working group"),
    leads: z.array(Handle).min(1),
    /**
     * The day each lead took office. A lead may vouch for owners vetted after it
     * (policy-pack/policies/vetting.ts); every lead has one.
     */
    leadsSince: z.record(Handle, IsoDate),
    /** Group stems (k8s-infra-<stem>@domain). */
    groups: z.strictObject({
        orgAdmins: Stem,
        contactReaders: Stem,
    }),
    /** Individual users that may hold IAM grants directly, for emergencies only. */
    breakGlass: z.array(z.string().regex(/^user:[^@\s]+@[^@\s]+$/, { message: "is not an IAM member of the form user:name@domain" })).default([]),
});

export const MIGRATION_STATUSES = ["not-started", "in-progress", "migrated"] as const;

export const ServiceMigration = z.strictObject({
    previously: text("say where the service ran before the migration"),
    status: z.enum(MIGRATION_STATUSES, { message: `must be one of ${MIGRATION_STATUSES.join(", ")}` }),
    sig: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "is not a SIG name like release or testing" }),
});

/** A staging area's name: one word of names (k8s-staging-<name>), short enough for its writers group k8s-infra-staging-<name>@. */
const StagingAreaName = z.string().superRefine((name, ctx) => {
    const problem = stemProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem} (a staging area name like kind or cluster-api)` });
    if (name.length > MAX_STAGING_NAME) {
        ctx.addIssue({ code: "custom", message: `"${name}" is ${name.length} characters; a staging area name takes at most ${MAX_STAGING_NAME} ` +
            `(k8s.io's groups_test.go, for k8s-infra-staging-<name>@)` });
    }
});

/**
 * A staging area (k8s.io's k8s-staging-<name> projects): where one team builds and
 * pushes its images and binaries before the promoter copies them to production.
 * Its owners are judged by the staffing rules as a subproject's are.
 */
export const StagingArea = z.strictObject({
    name: StagingAreaName,
    description: text("describe what is staged here, or leave the field out").optional(),
    /** The SIG that owns the area's writers group in k8s.io (groups/sig-<sig>/groups.yaml). */
    sig: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "is not a SIG name like release or cluster-lifecycle" }),
    owners: z.array(Handle),
});

/**
 * Which private contact details the WG leads hold for an owner, and since when:
 * dates only. The details themselves are in the owner-contacts secret, which the
 * leads fill; a value here that is not a date is refused, so that nobody writes a
 * phone number or an address into the repository by mistake.
 */
const FiledOn = IsoDate.describe("the date a WG lead stored this detail in the owner-contacts secret");
export const ContactsOnFile = z.strictObject({
    alternateEmail: FiledOn.optional(),
    phone: FiledOn.optional(),
});

/** One schema per roster file, keyed by file name. */
export const FILES = {
    "organizations.yaml": z.strictObject({ organizations: z.array(Organization) }),
    "people.yaml": z.strictObject({ people: z.array(Person) }),
    "subprojects.yaml": z.strictObject({ subprojects: z.array(Subproject) }),
    "working-group.yaml": z.strictObject({ workingGroup: WorkingGroup }),
    "contacts-on-file.yaml": z.strictObject({
        contactsOnFile: z.record(Handle, ContactsOnFile.nullable().transform(v => v ?? {})).default({}),
    }),
    "services.yaml": z.strictObject({
        services: z.partialRecord(z.enum(SERVICE_IDS, { message: `is not a charter service (${SERVICE_IDS.join(", ")})` }), ServiceMigration),
    }),
    "staging-areas.yaml": z.strictObject({ stagingAreas: z.array(StagingArea).default([]) }),
} as const;

/** Roster files that may be left out: a roster without staging-areas.yaml has no staging areas. */
export const OPTIONAL_FILES: readonly (keyof typeof FILES)[] = ["staging-areas.yaml"];

export type Organization = z.infer<typeof Organization>;
export type Person = z.infer<typeof Person>;
export type Waiver = z.infer<typeof Waiver>;
export type Subproject = z.infer<typeof Subproject>;
export type WorkingGroup = z.infer<typeof WorkingGroup>;
export type ServiceMigration = z.infer<typeof ServiceMigration>;
export type ContactsOnFile = z.infer<typeof ContactsOnFile>;
export type StagingArea = z.infer<typeof StagingArea>;

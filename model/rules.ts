// The charter's rules as data: the policy names, the numbers in them, and which
// rules a subproject may waive while bootstrapping. The roster schema, the program,
// the policy pack and the generated docs all read these; change a rule here.

/** Policy names, as they appear in `pulumi preview` output and in --policy-pack-config. */
export const RULE = {
    staffing: "subproject-staffing",
    representation: "maximal-representation",
    representationWaived: "maximal-representation-waived",
    contacts: "owner-contact-details",
    contactsStaging: "owner-contact-details-staging",
    plainTextContacts: "no-plain-text-contacts",
    vetting: "owner-vetting",
    oncall: "oncall-escalation",
    naming: "resource-naming",
    labels: "cost-attribution-labels",
    iamGroupsOnly: "iam-grants-to-groups",
    iamNoPrimitiveRoles: "iam-no-primitive-roles",
    iamPublicReadOnly: "iam-public-read-only",
    imagesPromoterOnly: "images-promoter-only",
    noServiceAccountKeys: "no-service-account-keys",
    ciIdentities: "ci-identity-boundaries",
    uniformBucketAccess: "bucket-uniform-access",
    protection: "stateful-resources-protected",
    outputsContract: "stack-outputs-contract",
    adoptExisting: "adopt-existing",
} as const;

export type RuleName = (typeof RULE)[keyof typeof RULE];

/** "each infra-related subproject ... must be staffed / owned by at least 3 volunteers" */
export const MIN_OWNERS = 3;

/**
 * The Steering Committee's maximal representation: no organization holds more than
 * MAX_SHARE_NUMERATOR / MAX_SHARE_DENOMINATOR of the owners. Compared in integers:
 * DENOMINATOR * count <= NUMERATOR * owners.
 */
export const MAX_SHARE_NUMERATOR = 1;
export const MAX_SHARE_DENOMINATOR = 3;
/** The share as messages, descriptions and docs write it: "1/3". */
export const MAX_SHARE_TEXT = `${MAX_SHARE_NUMERATOR}/${MAX_SHARE_DENOMINATOR}`;

/** Product Security Committee style vetting: this many distinct vouchers, none of them the person. */
export const MIN_VOUCHERS = 2;

/**
 * The longest a bootstrapping waiver may run: its expiry is at most this many days
 * after the day the roster is judged (the check's --as-of, or today). The charter's
 * exception is for getting a subproject started, not for running it; a year covers
 * a few owner rotations. A waiver beyond it is not honoured (maximal-representation
 * stays mandatory and says the bound).
 */
export const MAX_WAIVER_DAYS = 365;

/** Rules a roster waiver may name (the charter's bootstrapping exception, time-boxed). */
export const WAIVABLE_RULES = [RULE.representation] as const;
export type WaivableRule = (typeof WAIVABLE_RULES)[number];

/** Rules judged against a date; their policies take an `asOf` config (the clock tests can set). */
export const DATED_RULES = [RULE.representation, RULE.representationWaived, RULE.vetting] as const;

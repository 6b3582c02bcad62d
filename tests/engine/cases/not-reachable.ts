// The policies no roster and no stack config can make fire: the program never
// registers a resource that breaks them, whatever its input (or the input that
// would is refused when the config loads, exit 2, before any policy runs). They
// are reported rather than faked with a hand-made resource: the engine cases only
// feed the program what a pull request could change. Each reason names the code
// that closes the path, so that a change there tells the corpus to grow a case.

export interface NotReachable {
    policy: string;
    why: string;
}

export const NOT_REACHABLE: NotReachable[] = [
    {
        policy: "no-plain-text-contacts",
        why: "A phone number anywhere in the stack config (any namespace: program/config.ts) or the roster (model/roster/load.ts) is " +
            "refused when the input loads (exit 2; case phone-number-in-provider-config), so no resource input or output can carry one; " +
            "the policy is the last line, for values that reach a resource some other way. Its firing is tested in tests/roster/contacts-on-file.test.ts.",
    },
    {
        policy: "cost-attribution-labels",
        why: "Every resource of a type in model/labels.ts LABEL_PROPERTY is created at one site that spreads the four standard labels first " +
            "(ctx.labels / standardLabels) and adds only other keys (purpose, visibility, secret-owner, cluster, node-pool) after them. " +
            "The values cannot be empty: the subproject name is a roster stem, the SIG matches ^[a-z][a-z0-9-]*$ (at least one required), " +
            "the environment is staging|prod, managed-by is the constant pulumi, and labelValue() only replaces or truncates characters.",
    },
    {
        policy: "no-service-account-keys",
        why: "No component creates a gcp:serviceaccount/key:Key or aws:iam/accessKey:AccessKey (services/ makes service accounts, " +
            "workload identity bindings and an OIDC provider only), and no config key adds a resource type.",
    },
    {
        policy: "bucket-uniform-access",
        why: "The three bucket sites (services/gcs, services/gcb logs, services/website) set uniformBucketLevelAccess: true as a literal; " +
            "no config key reaches it, and an unknown key under a service (e.g. uniformBucketLevelAccess in a gcs bucket) is refused by the " +
            "strict schema when the config loads (exit 2).",
    },
    {
        policy: "iam-no-primitive-roles",
        why: "Every IAM grant's role is a literal except gcb builders[].roles and test-pool ciRoles, and both schemas refuse roles/owner, " +
            "roles/editor and roles/viewer when the config loads (exit 2); the policy matches exactly roles/owner and roles/editor, so no " +
            "accepted spelling (a custom role path, another case) makes it fire.",
    },
    {
        policy: "stack-outputs-contract",
        why: "program/main.ts returns exactly the keys of model/outputs.ts, each built by code from names and ids (strings) and the " +
            "roster's migration records (validated when the roster loads: status, previously and sig are required strings); " +
            "config can change values and record keys (bucket stems, cluster names), never a key of the contract or a value's type.",
    },
];

// The text formats read by hand rather than by a JSON or YAML parser: gsutil's
// bucket listing and retention text, and restrictions.yaml's path patterns.

import { parseBucketMetadata, parseRetention } from "../../tools/inventory/read-bucket-metadata";
import { globMatch } from "../../tools/inventory/glob";

const LISTING = [
    "gs://k8s-artifacts-prod/ :",
    "\tStorage class:\t\t\tSTANDARD",
    "\tLocation type:\t\t\tmulti-region",
    "\tLocation constraint:\t\tUS",
    "\tVersioning enabled:\t\tNone",
    "\tLogging configuration:\t\tPresent",
    "\tWebsite configuration:\t\tPresent",
    "\tCORS configuration: \t\tNone",
    "\tLifecycle configuration:\tNone",
    "\tRequester Pays enabled:\t\tNone",
    "\tRetention Policy:\t\tPresent",
    "\tLabels:\t\t\t\t",
    "\t  {",
    '\t    "managed-by-cnrm": "true"',
    "\t  }",
    "\tDefault KMS key:\t\tprojects/p/locations/us/keyRings/r/cryptoKeys/k",
    "\tTime created:\t\t\tWed, 01 May 2019 00:54:58 GMT",
    "\tTime updated:\t\t\tWed, 15 Mar 2023 19:03:52 GMT",
    "\tMetageneration:\t\t\t170",
    "\tBucket Policy Only enabled:\tTrue",
    "\tPublic access prevention:\tenforced",
    "\tRPO:\t\t\t\tDEFAULT",
    "\tACL:\t\t\t\t[]",
    "\tDefault ACL:\t\t\t[]",
].join("\n") + "\n";

describe("gsutil ls -L -b", () => {
    test("every field it prints, multi-line JSON values included", () => {
        expect(parseBucketMetadata(LISTING)).toEqual({ errors: [], metadata: {
            name: "k8s-artifacts-prod", storageClass: "STANDARD", locationType: "multi-region", location: "US",
            versioning: false, logging: true, website: true, lifecycle: false, requesterPays: false, retention: true,
            labels: { "managed-by-cnrm": "true" }, kmsKey: "projects/p/locations/us/keyRings/r/cryptoKeys/k",
            uniformAccess: true, publicAccessPrevention: "enforced", acl: [], defaultAcl: [],
        } });
    });

    test.each([
        [LISTING.replace("gs://k8s-artifacts-prod/ :", "k8s-artifacts-prod"), 'line 1 is not "gs://<bucket>/ :"'],
        [LISTING.replace("\tStorage class:\t\t\tSTANDARD\n", ""), '"Storage class" is missing'],
        [LISTING.replace("Versioning enabled:\t\tNone", "Versioning enabled:\t\tMaybe"), '"Versioning enabled" is "Maybe", expected True or None or False'],
        [LISTING.replace("\tRPO:\t\t\t\tDEFAULT", "\tRPO:\t\t\t\tASYNC_TURBO"), '"RPO" is "ASYNC_TURBO", a setting the inventory does not describe'],
        [LISTING.replace("\tRPO:", "\tAutoclass:\t\t\tEnabled on Wed, 01 May 2023\n\tRPO:"), '"Autoclass" is "Enabled on Wed, 01 May 2023", a setting the inventory does not describe'],
        [LISTING.replace("\tRPO:", "\tSoft delete:\t\t7d\n\tRPO:"), 'unknown field "Soft delete"'],
        [LISTING.replace('"managed-by-cnrm": "true"', '"managed-by-cnrm": true,'), '"Labels" is neither None nor JSON'],
        [LISTING + "\tACL:\t\t\t\t[]\n", 'line 25: "ACL" appears twice'],
    ])("%#: refused, saying why", (text, error) => {
        const res = parseBucketMetadata(text);
        expect(res.metadata).toBeUndefined();
        expect(res.errors).toContainEqual(expect.stringContaining(error));
    });

    test("output-only fields and unset not-described settings are fine", () => {
        const text = LISTING.replace("\tRPO:", "\tSatisfies PZS:\t\t\tTrue\n\tDefault Event-Based Hold:\tFalse\n\tRPO:");
        expect(parseBucketMetadata(text).errors).toEqual([]);
    });
});

describe("gsutil retention get", () => {
    test.each([
        ["  Retention Policy (UNLOCKED):\n    Duration: 10 Year(s)\n    Effective Time: Fri, 16 Aug 2019 17:20:11 GMT\n", 315_576_000, false],
        ["  Retention Policy (LOCKED):\n    Duration: 30 Day(s)\n    Effective Time: x\n", 2_592_000, true],
        ["  Retention Policy (UNLOCKED):\n    Duration: 2 Month(s)\n", 5_356_800, false],
        ["  Retention Policy (UNLOCKED):\n    Duration: 90000 Seconds (~1 Day(s))\n", 90_000, false],
        ["  Retention Policy (UNLOCKED):\n    Duration: 60 Second(s)\n", 60, false],
    ])("%j", (text, seconds, locked) => {
        expect(parseRetention(text)).toEqual({ retention: { seconds, locked } });
    });

    test("anything else is refused", () => {
        expect(parseRetention("gs://b has no Retention Policy.\n").error).toContain("is not");
    });
});

describe("restrictions.yaml path patterns (doublestar)", () => {
    test.each([
        ["groups.yaml", "groups.yaml", true],
        ["groups.yaml", "sig-a/groups.yaml", false],
        ["sig-a/groups.yaml", "sig-a/groups.yaml", true],
        ["**/*", "groups.yaml", true],
        ["**/*", "sig-a/sub/groups.yaml", true],
        ["sig-*/groups.yaml", "sig-a/groups.yaml", true],
        ["sig-*/groups.yaml", "wg-a/groups.yaml", false],
        ["sig-*/groups.yaml", "sig-a/b/groups.yaml", false],
        ["{sig,wg}-a/groups.yaml", "wg-a/groups.yaml", true],
        ["sig-[ab]/groups.yaml", "sig-c/groups.yaml", false],
        ["sig-?/groups.yaml", "sig-b/groups.yaml", true],
        ["sig.a/groups.yaml", "sigXa/groups.yaml", false],
    ])("%s matches %s: %s", (pattern, file, expected) => {
        expect(globMatch(pattern, file)).toBe(expected);
    });
});

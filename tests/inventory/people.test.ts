// No personal address anywhere in the inventory: the redacted ones of the audit
// and the unredacted one planted in the fixture (jane.doe@example.org, in IAM,
// an ACL, a dataset, group members and free text) are counted or withheld, and
// only service accounts and the inventory's own kubernetes.io groups are named.

import * as fs from "fs";
import * as path from "path";
import { People, WITHHELD } from "../../tools/inventory/people";
import { MINI, ROOT, inventory, personalAddresses, snapshot, tempDir } from "./helpers";

const tmp = tempDir("people");
const out = path.join(tmp, "inventory");
beforeAll(() => expect(inventory(["--from", MINI, "--out", out]).code).toBe(0));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the fixture does name people (so the check below checks something)", () => {
    const text = fs.readFileSync(path.join(MINI, "groups/sig-mini/groups.yaml"), "utf8")
        + fs.readFileSync(path.join(MINI, "audit/projects/k8s-infra-mini-prod/iam.json"), "utf8");
    expect(text).toContain("jane.doe@example.org");
    expect(text).toContain("person-c79d764f@google.com");
});

test("every address in the generated inventory is a service account or a kubernetes.io group it lists", () => {
    expect(personalAddresses(out)).toEqual([]);
    const all = [...snapshot(out).values()].join("\n");
    for (const planted of ["jane.doe", "jane-list", "person-", "outside-list@", "contributors@kubernetes.io", "example.org", "example.com"]) {
        expect({ planted, found: all.includes(planted) }).toEqual({ planted, found: false });
    }
    expect(all).toContain(WITHHELD);
});

const committed = path.join(ROOT, "inventory");
(fs.existsSync(committed) ? test : test.skip)(`the committed inventory/ names no personal address${fs.existsSync(committed) ? "" : " (skipped: no inventory/ folder in the repository)"}`, () => {
    expect(personalAddresses(committed)).toEqual([]);
});

describe("People (tools/inventory/people.ts)", () => {
    const people = new People(["Mini-Admins@kubernetes.io"]);

    test("IAM members: user: and deleted:user: are people; groups outside the inventory too; the rest is kept", () => {
        expect(people.iamMembers([
            "user:person-1@gmail.com", "deleted:user:someone@example.org?uid=1", "user:robot@x.iam.gserviceaccount.com",
            "group:mini-admins@kubernetes.io", "group:other@kubernetes.io", "group:list@googlegroups.com",
            "serviceAccount:a@b.iam.gserviceaccount.com", "deleted:serviceAccount:c@d.iam.gserviceaccount.com?uid=2",
            "serviceAccount:p.svc.id.goog[ns/ksa]", "domain:kubernetes.io", "allUsers", "projectOwner:p",
            "principal://iam.googleapis.com/locations/global/workforcePools/p/subject/jane@example.org",
        ])).toEqual({
            kept: ["group:mini-admins@kubernetes.io", "serviceAccount:a@b.iam.gserviceaccount.com", "deleted:serviceAccount:c@d.iam.gserviceaccount.com?uid=2",
                "serviceAccount:p.svc.id.goog[ns/ksa]", "domain:kubernetes.io", "allUsers", "projectOwner:p"],
            people: 6,
        });
    });

    test("group members: the inventory's groups (any case), service accounts, and the rest counted", () => {
        expect(people.groupAddresses(["mini-admins@kubernetes.io", "MINI-ADMINS@kubernetes.io", "x@y.iam.gserviceaccount.com", "person-1@gmail.com", "other@kubernetes.io"]))
            .toEqual({ groups: ["mini-admins@kubernetes.io", "MINI-ADMINS@kubernetes.io"], serviceAccounts: ["x@y.iam.gserviceaccount.com"], people: 2 });
    });

    test("ACL entities: addresses after a colon when they may be written; ids and people left out", () => {
        expect(people.aclEntity("group-mini-admins@kubernetes.io")).toBe("group:mini-admins@kubernetes.io");
        expect(people.aclEntity("user-sa@p.iam.gserviceaccount.com")).toBe("user:sa@p.iam.gserviceaccount.com");
        expect(people.aclEntity("project-owners-123")).toBe("project-owners-123");
        expect(people.aclEntity("allUsers")).toBe("allUsers");
        expect(people.aclEntity("user-jane@example.org")).toBeUndefined();
        expect(people.aclEntity("user-00b4903a97")).toBeUndefined();
        expect(people.aclEntity("group-other@kubernetes.io")).toBeUndefined();
    });

    test("free text keeps what may be written and withholds the rest; a key with an address is a problem", () => {
        expect(people.scrub("ask mini-admins@kubernetes.io or jane@example.org, not x@p.iam.gserviceaccount.com"))
            .toBe(`ask mini-admins@kubernetes.io or ${WITHHELD}, not x@p.iam.gserviceaccount.com`);
        const problems: { file: string }[] = [];
        expect(people.scrubTree({ a: ["jane@example.org"], "jane@example.org": 1 }, "f.yaml", problems as never)).toEqual({ a: [WITHHELD], "jane@example.org": 1 });
        expect(problems).toHaveLength(1);
    });
});

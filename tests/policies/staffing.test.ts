import * as path from "path";
import { maximalRepresentation, maximalRepresentationWaived, subprojectStaffing } from "../../policy-pack/policies/staffing";
import { COMPONENT } from "../../model/resource-types";
import { MAX_WAIVER_DAYS } from "../../model/rules";
import { addDays } from "../../model/waivers";
import {
    StackResource, messagesOf, ownerRecord, runStackPolicy, stackFromRoster, subprojectProps, unknown, withUnknown,
} from "../helpers/policy";
import { lineOf, rosterCopy } from "../helpers/roster-copy";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
const prod = () => stackFromRoster(ROSTER, { environment: "prod" });
/** The sample waiver on prow (maximal-representation) expires on this day. */
const PROW_WAIVER_EXPIRES = "2027-06-30";

function setOwners(resources: StackResource[], sub: string, handles: string[]): void {
    const owners = handles.map(h => ownerRecord(resources, h));
    subprojectProps(resources, sub).owners = owners;
}

describe("subproject-staffing", () => {
    test("the sample roster is staffed: quiet", () => {
        expect(runStackPolicy(subprojectStaffing, prod())).toEqual([]);
    });

    test("a subproject that owns a deployed service with 2 owners fires, naming the service and the owners", () => {
        const resources = prod();
        setOwners(resources, "artifacts", ["ada-quill", "bram-okafor"]);
        const v = runStackPolicy(subprojectStaffing, resources);
        expect(v).toHaveLength(1);
        expect(v[0].message).toMatch(/Subproject artifacts \(roster\/subprojects\.yaml:14\) owns deployed service\(s\) Gcs/);
        expect(v[0].message).toContain("has 2 distinct owner(s) (ada-quill, bram-okafor)");
        expect(v[0].message).toContain("add 1 more");
        expect(v[0].urn).toBe(resources.find(r => r.type === COMPONENT.subproject && r.name === "artifacts")!.urn);
    });

    test("the same handle twice (any case) counts once", () => {
        const resources = prod();
        const ada = ownerRecord(resources, "ada-quill");
        subprojectProps(resources, "artifacts").owners = [ada, { ...ada, github: "Ada-Quill" }, ownerRecord(resources, "bram-okafor")];
        expect(messagesOf(runStackPolicy(subprojectStaffing, resources))).toEqual([expect.stringContaining("has 2 distinct owner(s)")]);
    });

    test("a subproject with no deployed service is not judged", () => {
        const resources = prod();
        setOwners(resources, "dns", ["dara-mensah"]);
        expect(runStackPolicy(subprojectStaffing, resources)).toEqual([]);
    });

    test("an unknown owner list (preview) skips that subproject only", () => {
        const resources = prod();
        const gcs = resources.find(r => r.type === "k8s-infra:services:Gcs")!;
        // A second deployed service, owned by dns, whose owner list is understaffed.
        resources.push({ ...gcs, name: "dns-svc", urn: `${gcs.urn}-dns`, props: { subproject: "dns" } });
        setOwners(resources, "dns", ["dara-mensah"]);
        const artifacts = resources.find(r => r.name === "artifacts" && r.type === COMPONENT.subproject)!;
        artifacts.props = withUnknown(artifacts.props, "owners", "array");
        const v = runStackPolicy(subprojectStaffing, resources);
        expect(messagesOf(v)).toEqual([expect.stringContaining("Subproject dns")]);
    });

    test("a service whose owning subproject is unknown (preview) is skipped, others still judged", () => {
        const resources = prod();
        setOwners(resources, "artifacts", ["ada-quill"]);
        const gcs = resources.find(r => r.type === "k8s-infra:services:Gcs")!;
        resources.push({ ...gcs, name: "gcs-2", urn: `${gcs.urn}-2`, props: { subproject: unknown() } });
        expect(messagesOf(runStackPolicy(subprojectStaffing, resources))).toEqual([expect.stringContaining("Subproject artifacts")]);
    });
});

describe("maximal-representation after an affiliation change", () => {
    test("points at the people.yaml line of each affiliation, the changed one among them, and says how many to add or rotate out", () => {
        // ivan-petrov moves to Microsoft, where dara-mensah already is: dns and secrets are Microsoft 2 of 3.
        const { dir, text } = rosterCopy({ "people.yaml": t => {
            const at = t.indexOf("  - github: ivan-petrov");
            return t.slice(0, at) + t.slice(at).replace("affiliation: SUSE", "affiliation: Microsoft");
        } });
        const changed = text["people.yaml"].split("\n").findIndex((l, i, all) => l.includes("affiliation: Microsoft") && all.slice(0, i).some(p => p.includes("ivan-petrov"))) + 1;
        const other = lineOf(text["people.yaml"].split("  - github: ivan-petrov")[0], "affiliation: Microsoft");
        const v = messagesOf(runStackPolicy(maximalRepresentation, stackFromRoster(dir, { environment: "prod" }), { asOf: "2026-12-01" }));
        expect(v).toEqual([expect.stringContaining("Subproject dns"), expect.stringContaining("Subproject secrets")]);
        expect(v[0]).toContain("Microsoft holds 2 of 3 (dara-mensah, ivan-petrov)");
        expect(v[0]).toContain("Add 3 owners from other organizations, or rotate out 1 Microsoft owner for owners from elsewhere.");
        expect(v[0]).toContain(`Affiliations, if one changed: dara-mensah roster/people.yaml:${other}, ivan-petrov roster/people.yaml:${changed}.`);
    });
});

test("maximal-representation: two organizations over at once need as many added owners as the worse of them, and a rotation each", () => {
    const resources = prod();
    setOwners(resources, "artifacts", ["ada-quill", "lena-fischer"]);
    const v = messagesOf(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-12-01" }));
    expect(v).toEqual([expect.stringContaining("Google holds 1 of 2 (ada-quill) and IBM holds 1 of 2 (lena-fischer)")]);
    expect(v[0]).toContain("Add 1 owner from other organizations, or rotate out 1 Google owner and 1 IBM owner for owners from elsewhere.");
});

describe("maximal-representation with the prow waiver", () => {
    const before = { asOf: "2026-12-01" };
    const after = { asOf: "2027-07-01" };

    test("while the waiver is live: the advisory policy fires quoting expiry and plan, the mandatory one is quiet", () => {
        const resources = prod();
        expect(runStackPolicy(maximalRepresentation, resources, before)).toEqual([]);
        const v = runStackPolicy(maximalRepresentationWaived, resources, before);
        expect(v).toHaveLength(1);
        expect(v[0].message).toContain("Subproject prow");
        expect(v[0].message).toContain("Google holds 2 of 3 (eli-novak, kai-moreno)");
        expect(v[0].message).toContain(`Waived until ${PROW_WAIVER_EXPIRES}`);
        expect(v[0].message).toContain("Plan: Two owners from SIG Testing outside Google join at the 2027-Q1 rotation");
        expect(v[0].urn).toContain("::prow");
    });

    test("the waiver is live through its expiry day", () => {
        const onTheDay = { asOf: PROW_WAIVER_EXPIRES };
        expect(runStackPolicy(maximalRepresentation, prod(), onTheDay)).toEqual([]);
        expect(runStackPolicy(maximalRepresentationWaived, prod(), onTheDay)).toHaveLength(1);
    });

    test("after expiry: the mandatory policy fires and mentions the expiry; the advisory one is quiet", () => {
        const resources = prod();
        const v = runStackPolicy(maximalRepresentation, resources, after);
        expect(v).toHaveLength(1);
        expect(v[0].message).toContain("Subproject prow");
        expect(v[0].message).toContain(`The bootstrapping waiver expired on ${PROW_WAIVER_EXPIRES}.`);
        expect(runStackPolicy(maximalRepresentationWaived, resources, after)).toEqual([]);
    });

    test("a waiver does not count once the subproject is steady", () => {
        const resources = prod();
        subprojectProps(resources, "prow").phase = "steady";
        expect(messagesOf(runStackPolicy(maximalRepresentation, resources, before))).toEqual([expect.stringContaining("Subproject prow")]);
        expect(runStackPolicy(maximalRepresentationWaived, resources, before)).toEqual([]);
    });

    test("the latest of several waivers decides", () => {
        const resources = prod();
        const prow = subprojectProps(resources, "prow");
        prow.waivers = [{ ...prow.waivers[0], expires: "2026-01-01" }, ...prow.waivers];
        expect(runStackPolicy(maximalRepresentation, resources, before)).toEqual([]);
        expect(runStackPolicy(maximalRepresentationWaived, resources, before)[0].message).toContain(`until ${PROW_WAIVER_EXPIRES}`);
    });
});

describe("maximal-representation: a waiver may run at most MAX_WAIVER_DAYS past the day judged", () => {
    const day = "2026-12-01";
    const withExpiry = (expires: string) => {
        const resources = prod();
        subprojectProps(resources, "prow").waivers[0].expires = expires;
        return resources;
    };

    test("a waiver expiring decades away is not honoured: mandatory, saying the bound and the latest allowed expiry", () => {
        const resources = withExpiry("2060-01-01");
        const v = messagesOf(runStackPolicy(maximalRepresentation, resources, { asOf: day }));
        expect(v).toEqual([expect.stringContaining("Subproject prow")]);
        expect(v[0]).toContain(`The bootstrapping waiver until 2060-01-01 runs more than ${MAX_WAIVER_DAYS} days past ${day}`);
        expect(v[0]).toContain(`Set expires on or before ${addDays(day, MAX_WAIVER_DAYS)}.`);
        expect(runStackPolicy(maximalRepresentationWaived, resources, { asOf: day })).toEqual([]);
    });

    test("exactly MAX_WAIVER_DAYS away is live; one day more is not", () => {
        const last = addDays(day, MAX_WAIVER_DAYS);
        expect(runStackPolicy(maximalRepresentation, withExpiry(last), { asOf: day })).toEqual([]);
        expect(runStackPolicy(maximalRepresentationWaived, withExpiry(last), { asOf: day })).toHaveLength(1);
        expect(messagesOf(runStackPolicy(maximalRepresentation, withExpiry(addDays(last, 1)), { asOf: day })))
            .toEqual([expect.stringContaining("longer than a bootstrapping waiver may run")]);
    });

    test("the bound is judged as of the check's day (asOf), not the real clock", () => {
        const resources = withExpiry("2060-01-01");
        expect(runStackPolicy(maximalRepresentation, resources, { asOf: "2059-06-01" })).toEqual([]);
    });
});

describe("maximal-representation: who counts for whom", () => {
    test("the rest of the sample roster is within 1/3", () => {
        const resources = prod();
        subprojectProps(resources, "prow").waivers = [];
        expect(messagesOf(runStackPolicy(maximalRepresentation, resources))).toEqual([expect.stringContaining("Subproject prow")]);
    });

    test('aliases "Google LLC" and "google.com" count together as Google', () => {
        const resources = prod();
        // eli-novak is "Google LLC", kai-moreno "google.com" in the fixture's people.yaml.
        setOwners(resources, "dns", ["eli-novak", "kai-moreno", "dara-mensah", "ivan-petrov", "jo-mbeki"]);
        const v = runStackPolicy(maximalRepresentation, resources, { asOf: "2026-12-01" });
        expect(messagesOf(v)).toEqual([expect.stringContaining("Google holds 2 of 5 (eli-novak, kai-moreno)")]);
        expect(v[0].message).toContain("Subproject dns");
    });

    test("a subsidiary counts with its parent: Red Hat and IBM together", () => {
        const resources = prod();
        // bram-okafor is Red Hat (parent IBM), lena-fischer is IBM.
        setOwners(resources, "artifacts", ["ada-quill", "bram-okafor", "chen-liwei", "fatima-rahman", "lena-fischer"]);
        const v = runStackPolicy(maximalRepresentation, resources, { asOf: "2026-12-01" });
        expect(messagesOf(v)).toEqual([expect.stringContaining("IBM holds 2 of 5 (bram-okafor, lena-fischer)")]);
    });

    test("exactly 1/3 is allowed: 2 of 6", () => {
        const resources = prod();
        setOwners(resources, "artifacts", ["ada-quill", "bram-okafor", "chen-liwei", "fatima-rahman", "lena-fischer", "dara-mensah"]);
        expect(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-12-01" })).toEqual([]);
    });

    test("independents count alone, never as one organization", () => {
        const resources = prod();
        // chen-liwei and hana-sato are both independent: 1 of 3 each, not 2 of 3.
        setOwners(resources, "website", ["chen-liwei", "hana-sato", "nia-walker"]);
        expect(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-12-01" })).toEqual([]);
    });

    test("an unknown owner list (preview) skips that subproject only", () => {
        const resources = prod();
        setOwners(resources, "dns", ["eli-novak", "kai-moreno", "dara-mensah"]);
        const prow = resources.find(r => r.name === "prow" && r.type === COMPONENT.subproject)!;
        prow.props = withUnknown(prow.props, "owners", "array");
        const v = runStackPolicy(maximalRepresentation, resources, { asOf: "2027-07-01" });
        expect(messagesOf(v)).toEqual([expect.stringContaining("Subproject dns")]);
        expect(() => runStackPolicy(maximalRepresentationWaived, resources, { asOf: "2026-12-01" })).not.toThrow();
    });
});

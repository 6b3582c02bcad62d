// Owners' contact details are personal data: the repository and the stack config
// record only which details the leads hold and since when. These tests make their
// own rosters (a copy of the broken-roster fixture, which has every file), so no
// live roster edit can turn them red.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { InputError, Problem } from "../../model/errors";
import { looksLikePhoneNumber, personalEmailIn } from "../../model/personal-data";
import { noPlainTextContacts } from "../../policy-pack/policies/contacts";
import { runStackPolicy, type StackResource } from "../helpers/policy";

const FIXTURE = path.resolve(__dirname, "../fixtures/broken-roster");
const made: string[] = [];
afterAll(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** The fixture roster with `file` replaced by `text`. */
function roster(file: string, text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contacts-"));
    made.push(dir);
    for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, file), text);
    return dir;
}

function problemsOf(dir: string): Problem[] {
    try {
        loadRoster(dir, "r");
    } catch (err) {
        if (err instanceof InputError) return err.problems;
        throw err;
    }
    return [];
}

describe("roster/contacts-on-file.yaml", () => {
    test("dates per field load as presence", () => {
        const r = loadRoster(roster("contacts-on-file.yaml", "contactsOnFile:\n  ada-quill: { phone: 2026-03-01 }\n"), "r");
        expect(r.contactsOnFile.get("ada-quill")).toEqual({ phone: "2026-03-01" });
        expect(r.contactsOnFile.has("bram-okafor")).toBe(false);
    });

    test("a value that is not a date (the detail itself) is refused at its line, without repeating it", () => {
        const problems = problemsOf(roster("contacts-on-file.yaml", "contactsOnFile:\n  ada-quill:\n    phone: \"+49 30 1234567\"\n"));
        expect(problems).toEqual(expect.arrayContaining([
            expect.objectContaining({ file: "r/contacts-on-file.yaml", line: 3, message: expect.stringContaining("looks like a phone number") }),
        ]));
        for (const p of problems) expect(p.message).not.toContain("1234567");
    });

    test("an unknown handle is refused", () => {
        expect(problemsOf(roster("contacts-on-file.yaml", "contactsOnFile:\n  no-such-person: { phone: 2026-03-01 }\n")))
            .toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('unknown person "no-such-person"') })]);
    });

    test("the file is required", () => {
        const dir = roster("contacts-on-file.yaml", "");
        fs.rmSync(path.join(dir, "contacts-on-file.yaml"));
        expect(problemsOf(dir)).toEqual([expect.objectContaining({ file: "r/contacts-on-file.yaml", message: expect.stringContaining("is missing") })]);
    });
});

describe("contact details in clear anywhere in the roster", () => {
    const people = fs.readFileSync(path.join(FIXTURE, "people.yaml"), "utf8");

    test("a phone number in a person's entry is refused at its line", () => {
        const text = people.replace("name: Ada Quill", "name: Ada Quill (+1 415 555 0134)");
        expect(text).not.toBe(people);
        const line = text.split("\n").findIndex(l => l.includes("+1 415")) + 1;
        expect(problemsOf(roster("people.yaml", text))).toEqual([expect.objectContaining({ line, message: expect.stringContaining("phone number") })]);
    });

    test("a private e-mail outside `email` is refused; the public `email` and project addresses are not", () => {
        const text = people.replace("name: Ada Quill", "name: Ada Quill, ada.private@gmail.com");
        expect(problemsOf(roster("people.yaml", text))).toEqual([expect.objectContaining({ message: expect.stringContaining("personal e-mail address") })]);
        expect(problemsOf(roster("people.yaml", people.replace("name: Ada Quill", "name: Ada Quill, wg-k8s-infra@kubernetes.io"))))
            .not.toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining("personal e-mail") })]));
    });
});

describe("the detector", () => {
    test.each(["+1-415-555-0134", "+49 30 901820", "(415) 555-0134", "415-555-0134", "call 415.555.0134"])("%s is a phone number", s => {
        expect(looksLikePhoneNumber(s)).toBe(true);
    });
    test.each(["018801-93540E-22A20E", "455406320404", "2026-01-12", "10.0.0.0/16", "1.29.1-gke.1589000", "k8s-infra-e2e-boskos-001", "192.168.100.100", "+1"])(
        "%s is not", s => expect(looksLikePhoneNumber(s)).toBe(false));
    test("project addresses and service accounts are not personal e-mail", () => {
        expect(personalEmailIn("group:k8s-infra-owners@kubernetes.io serviceAccount:x@p.iam.gserviceaccount.com")).toBeUndefined();
        expect(personalEmailIn("user:someone@example.org")).toBe("someone@example.org");
    });
});

describe("no-plain-text-contacts", () => {
    const resource = (props: Record<string, unknown>, type = "gcp:storage/bucket:Bucket"): StackResource =>
        ({ type, name: "b", urn: `urn:pulumi:prod::k8s-infra::${type}::b`, props });

    test("fires on a phone number in a resource input or a stack output, naming the property, not the value", () => {
        const v = runStackPolicy(noPlainTextContacts, [
            resource({ labels: { note: "call +44 20 7946 0958" } }),
            resource({ contact: "+1-415-555-0134" }, "pulumi:pulumi:Stack"),
        ]);
        expect(v.map(x => x.message)).toEqual([
            expect.stringContaining("gcp:storage/bucket:Bucket b, property labels.note looks like a phone number"),
            expect.stringContaining("The stack output contact looks like a phone number"),
        ]);
        for (const x of v) expect(x.message).not.toMatch(/7946|0134/);
    });

    test("quiet on ids, dates and addresses", () => {
        expect(runStackPolicy(noPlainTextContacts, [resource({ billing: "018801-93540E-22A20E", folder: "455406320404", at: "2026-01-12", cidr: "10.0.0.0/16" })])).toEqual([]);
    });
});

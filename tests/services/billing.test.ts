// The billing component's projects: a new one goes under the configured parent with
// no default network; one that exists (the inventory's, id -> parent) stays under its
// own parent, a folder included, and keeps its network, so adopting it moves nothing.

import { runProgram } from "../../tools/check/run-program";
import { Billing } from "../../services/billing";
import { deployedFrom } from "../helpers/service";

const project = (name: string) => ({ name, id: name, subproject: "prow", sig: "testing", monthlyUsd: 100 });

async function projects(existing: Record<string, string>) {
    const run = await runProgram({
        project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
        program: async () => {
            new Billing("billing", {
                environment: "prod", account: "018801-93540E-22A20E", parent: "organizations/100000000000", existing,
                projects: [project("k8s-infra-fixture-new"), project("k8s-infra-fixture-foldered"), project("k8s-infra-fixture-orged")],
                thresholds: [1], protect: true, channels: {},
            });
            return {};
        },
    });
    return deployedFrom(run).inputsOf("gcp:organizations/project:Project")
        .map(p => ({ id: p.projectId, orgId: p.orgId, folderId: p.folderId, autoCreateNetwork: p.autoCreateNetwork }));
}

test("a new project goes under the configured parent; an existing one stays under its own, a folder or the organization", async () => {
    expect(await projects({ "k8s-infra-fixture-foldered": "folders/100000000009", "k8s-infra-fixture-orged": "organizations/100000000000" })).toEqual([
        { id: "k8s-infra-fixture-new", orgId: "100000000000", folderId: undefined, autoCreateNetwork: false },
        { id: "k8s-infra-fixture-foldered", orgId: undefined, folderId: "100000000009", autoCreateNetwork: true },
        { id: "k8s-infra-fixture-orged", orgId: "100000000000", folderId: undefined, autoCreateNetwork: true },
    ]);
});

test("with no inventory every project is new, under the configured parent", async () => {
    expect((await projects({})).map(p => [p.orgId, p.folderId, p.autoCreateNetwork])).toEqual([
        ["100000000000", undefined, false], ["100000000000", undefined, false], ["100000000000", undefined, false],
    ]);
});

// Deploys the CI identities component under Pulumi's mocks, as program/main.ts
// does with the prod stack's k8s-infra:ci config, and returns what it registered:
// as plain inputs (for tests of the component) and as policy resources (for the
// ci-identity-boundaries policy).

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { runProgram } from "../../tools/check/run-program";
import { AwsCiIdentitiesRecord, CiConfig, awsCiIdentitiesRecord, ciIdentitiesRecord } from "../../model/ci-identities";
import { CiIdentities } from "../../services/governance/ci-identities";
import { AwsCiIdentities } from "../../services/governance/aws-ci-identities";
import { StackConfig } from "../../model/config";
import { standardLabels } from "../../model/labels";
import { unwrap } from "./service";
import type { ResourceInput } from "./policy";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** The k8s-infra config of Pulumi.<stack>.yaml, as written (before the schema). */
export function stackConfigOf(stack: "staging" | "prod"): Record<string, any> {
    const doc = parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config).filter(([k]) => k.startsWith("k8s-infra:")).map(([k, v]) => [k.slice("k8s-infra:".length), v]));
}

/** The prod stack's k8s-infra:ci. */
export function prodCiConfig(): CiConfig {
    return CiConfig.parse(stackConfigOf("prod").ci);
}

/** The prod stack's k8s-infra:repository, which the CI identities trust. */
export function prodRepository(): string {
    return stackConfigOf("prod").repository;
}

export interface DeployedCi {
    resources: ResourceInput[];
    /** Inputs of every resource of `type`. */
    inputsOf(type: string): Record<string, any>[];
}

/** The AWS roles' record of a stack, as program/main.ts makes it from Pulumi.<stack>.yaml (ciAws, and the test pool's account). */
export function awsCiRecordOf(stack: "staging" | "prod"): AwsCiIdentitiesRecord {
    const config = StackConfig.parse(stackConfigOf(stack));
    return awsCiIdentitiesRecord(config.ciAws!, config.repository!, config.services["test-pool"]!.aws!, stack);
}

/** Deploys the AwsCiIdentities component of `stack` (or of the record given) under the mocks. */
export async function deployAwsCi(stack: "staging" | "prod", record: AwsCiIdentitiesRecord = awsCiRecordOf(stack)): Promise<DeployedCi> {
    const run = await runProgram({
        project: "k8s-infra", stack, config: {}, secretKeys: [], preview: true,
        program: async () => {
            new AwsCiIdentities("ci-aws", { ...record, tags: standardLabels({ subproject: "wg-k8s-infra", sig: "k8s-infra", environment: stack }) });
        },
    });
    return deployedOf(run);
}

export async function deployCi(cfg: CiConfig = prodCiConfig(), viewerOn = "organizations/758905017065", repository = prodRepository()): Promise<DeployedCi> {
    const run = await runProgram({
        project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
        program: async () => {
            new CiIdentities("ci", {
                ...ciIdentitiesRecord(cfg, repository, "prod"), environment: "prod",
                stateBucket: cfg.stateBucket, secretsKeys: cfg.secretsKeys, viewerOn,
            });
        },
    });
    return deployedOf(run);
}

/**
 * What a component registered under mocks, as AnalyzeStack sends it: a custom resource's
 * outputs (in a preview, the mock's state: its inputs), a component's registered outputs;
 * and each resource's inputs by type.
 */
function deployedOf(run: Awaited<ReturnType<typeof runProgram>>): DeployedCi {
    const resources: ResourceInput[] = run.resources.map(r => ({
        type: r.type, name: r.name, urn: r.urn, ...(r.parent ? { parent: r.parent } : {}),
        props: unwrap(r.outputs.toJavaScript()) as Record<string, unknown>,
    }));
    return {
        resources,
        inputsOf: type => run.resources.filter(r => r.type === type).map(r => unwrap(r.inputs.toJavaScript()) as Record<string, any>),
    };
}

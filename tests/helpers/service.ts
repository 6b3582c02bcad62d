// Deploys one service component under Pulumi's mocks, as the program would (same
// ServiceContext, same definition), and returns what it registered: for tests of
// what a component creates, names, labels, protects and grants.

import { ProgramRun, runProgram } from "../../tools/check/run-program";
import type { CapturedResource } from "../../tools/results/types";
import type { DeployableService, ServicesConfig } from "../../model/config";
import type { Environment } from "../../model/naming";
import { SERVICE_DEFINITIONS } from "../../services";
import type { ServiceDefinition } from "../../services/definition";
import { ServiceContext, serviceLabels } from "../../services/service-component";

export interface DeployedService {
    resources: CapturedResource[];
    /** What the service contributed to the stack outputs, resolved. */
    exports: Record<string, unknown>;
    /** Inputs of every resource of `type`, as plain objects (secrets unwrapped). */
    inputsOf(type: string): Record<string, any>[];
    ofType(type: string): CapturedResource[];
}

export function testContext(service: DeployableService, environment: Environment, subproject = "artifacts", sig = "release"): ServiceContext {
    const stg = environment === "staging" ? "-stg" : "";
    return {
        service,
        environment,
        domain: "kubernetes.io",
        subproject,
        sig,
        ownersGroup: `k8s-infra-${subproject}-owners${stg}@kubernetes.io`,
        notificationChannel: `projects/k8s-infra-public-pii${stg}/notificationChannels/123`,
        monitoringProject: `k8s-infra-public-pii${stg}`,
        labels: serviceLabels({ subproject, sig, environment }),
        protect: environment === "prod",
    };
}

export async function deployService<K extends DeployableService>(
    id: K, settings: NonNullable<ServicesConfig[K]>, environment: Environment, ctx: ServiceContext = testContext(id, environment),
): Promise<DeployedService> {
    const run = await runProgram({
        project: "k8s-infra", stack: environment, config: {}, secretKeys: [], preview: true,
        program: async () => {
            const deployed = (SERVICE_DEFINITIONS[id] as ServiceDefinition<K>).deploy(ctx, settings);
            return { exports: deployed.exports };
        },
    });
    return deployedFrom(run);
}

/** A mocked run's resources and stack exports, read as DeployedService gives them to assertions. */
export function deployedFrom(run: ProgramRun): DeployedService {
    const plain = (r: CapturedResource) => unwrap(r.inputs.toJavaScript()) as Record<string, any>;
    return {
        resources: run.resources,
        exports: unwrap(run.outputs.exports) as Record<string, unknown>,
        inputsOf: type => run.resources.filter(r => r.type === type).map(plain),
        ofType: type => run.resources.filter(r => r.type === type),
    };
}

/** Removes Pulumi's secret wrappers ({ <sig>: <secret sig>, value }) for assertions. */
export function unwrap(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrap);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if ("4dabf18193072939515e22adb298388d" in o && "value" in o) return unwrap(o.value);
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x)]));
    }
    return v;
}

// Which environment (staging, prod) a stack is: the one source of this fact for the
// program, the offline check, the policy pack and the tools. A stack named for an
// environment ("prod", "staging") is that environment, and its k8s-infra:environment
// must say so: a Pulumi.prod.yaml that says staging is refused (exit 2, file:line),
// never judged by staging's rules. Any other stack (a personal dev stack) is what
// its k8s-infra:environment says.

import { ENVIRONMENTS, Environment } from "./naming";

/** The environment a stack's name fixes, or undefined for a stack not named for one. */
export function environmentOfStackName(stack: string): Environment | undefined {
    return (ENVIRONMENTS as readonly string[]).includes(stack) ? stack as Environment : undefined;
}

/** Why `declared` (k8s-infra:environment) cannot be stack `stack`'s environment, or undefined. */
export function environmentMismatch(stack: string, declared: unknown): string | undefined {
    const named = environmentOfStackName(stack);
    if (named === undefined || declared === undefined || declared === named) return undefined;
    if (typeof declared !== "string" || !(ENVIRONMENTS as readonly string[]).includes(declared)) return undefined; // the schema says what is wrong
    return `says ${declared}, but this is stack ${stack}, which is the ${named} environment; write ${named} ` +
        `(a stack named for an environment is that environment; a ${declared} stack is Pulumi.${declared}.yaml)`;
}

/** The environment of a stack whose config may be unknown: its name's, else what its config says. */
export function environmentOfStack(stack: string, declared?: string): string | undefined {
    return environmentOfStackName(stack) ?? declared;
}

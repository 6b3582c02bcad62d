// Applies the charter's risk rules (model/risk.ts) to a list of resource changes,
// wherever the changes came from (a real preview's event log, or two offline runs
// of the program), and makes the report: the class, a reason per change, and what
// the charter asks for that class.

import {
    ChangeOp, InputMatch, LOW_WHY, RISK_CLASS_INFO, RISK_RULES, RiskClass, RiskRule, riskRank,
} from "../../model/risk";
import { LABEL_PROPERTY } from "../../model/labels";
import { qualifiedTypeOf, stackOf } from "../../model/urn";
import { environmentOfStack } from "../../model/environment";

/** A resource's state on one side of a change. */
export interface ResourceState {
    protect: boolean;
    /** Inputs as plain JSON (secrets and unknowns in whatever form the source wrote them). */
    inputs: Record<string, unknown>;
}

export interface Change {
    urn: string;
    type: string;
    op: ChangeOp;
    /** State before the change (absent for a create). */
    old?: ResourceState;
    /** State after the change (absent for a delete). */
    new?: ResourceState;
    /** Said after the op, e.g. "replacement not known offline", "replaced because name changed". */
    note?: string;
}

export interface Reason {
    urn: string;
    type: string;
    op: ChangeOp;
    note?: string;
    risk: RiskClass;
    /** The rule that set the class; absent for low. */
    rule?: string;
    why: string;
    /** The resource's `sig` label, when it has one: an owning SIG to consult. */
    sig?: string;
}

export interface RiskReport {
    risk: RiskClass;
    label: string;
    asks: string;
    means: string;
    /** Highest class first, then by URN. */
    reasons: Reason[];
    /** The `sig` labels of the resources that set the class. */
    sigs: string[];
}

export interface ClassifyContext {
    /** Stack name -> its k8s-infra:environment, when known. */
    environments?: Record<string, string>;
}

export function classify(changes: readonly Change[], ctx: ClassifyContext = {}): RiskReport {
    const reasons = changes.map(c => reasonFor(c, ctx));
    reasons.sort((a, b) => riskRank(b.risk) - riskRank(a.risk) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const risk = reasons.reduce<RiskClass>((max, r) => (riskRank(r.risk) > riskRank(max) ? r.risk : max), "low");
    const info = RISK_CLASS_INFO[risk];
    const sigs = [...new Set(reasons.filter(r => r.risk === risk && r.sig).map(r => r.sig!))].sort();
    return { risk, label: info.label, asks: info.asks, means: info.means, reasons, sigs };
}

function reasonFor(change: Change, ctx: ClassifyContext): Reason {
    let best: RiskRule | undefined;
    for (const rule of RISK_RULES) {
        if (!matches(rule, change, ctx)) continue;
        if (!best || riskRank(rule.risk) > riskRank(best.risk)) best = rule;
    }
    const sig = labelOf(change, "sig");
    return {
        urn: change.urn,
        type: change.type,
        op: change.op,
        ...(change.note ? { note: change.note } : {}),
        risk: best?.risk ?? "low",
        ...(best ? { rule: best.id } : {}),
        why: best?.why ?? LOW_WHY,
        ...(sig ? { sig } : {}),
    };
}

export function matches(rule: RiskRule, change: Change, ctx: ClassifyContext): boolean {
    if (!rule.ops.includes(change.op)) return false;
    if (rule.types && !rule.types.includes(change.type)) return false;
    if (rule.protected && !change.old?.protect) return false;
    if (rule.inComponent && !componentChain(change.urn).includes(rule.inComponent)) return false;
    if (rule.anyInput && !rule.anyInput.some(m => inputMatches(m, change))) return false;
    if (rule.environment && environmentOf(change, ctx) !== undefined && environmentOf(change, ctx) !== rule.environment) return false;
    return true;
}

/** The parent types in a URN's qualified type (`A$B$type`): the components a resource sits in. */
export function componentChain(urn: string): string[] {
    return qualifiedTypeOf(urn).split("$").slice(0, -1);
}

/** The resource's environment label, else its stack's (model/environment.ts: its name, else its config); undefined if none. */
export function environmentOf(change: Change, ctx: ClassifyContext): string | undefined {
    const label = labelOf(change, "environment");
    if (label) return label;
    const stack = stackOf(change.urn);
    return environmentOfStack(stack, ctx.environments?.[stack] || undefined);
}

/** A label of the resource (new state first), under the property its type keeps labels in. */
function labelOf(change: Change, key: string): string | undefined {
    const prop = LABEL_PROPERTY[change.type] ?? "labels";
    for (const state of [change.new, change.old]) {
        const v = plain(valueAt(state?.inputs, `${prop}.${key}`));
        if (typeof v === "string" && v !== "") return v;
    }
    return undefined;
}

function inputMatches(m: InputMatch, change: Change): boolean {
    return [change.old, change.new].some(state => {
        const v = plain(valueAt(state?.inputs, m.path));
        return typeof v === "string" && m.values.some(want => v === want || v.endsWith(`/${want}`));
    });
}

export function valueAt(obj: unknown, path: string): unknown {
    let cur: unknown = obj;
    for (const key of path.split(".")) {
        cur = plain(cur);
        if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
}

/** Pulumi's secret marker, as the SDK and the engine's JSON write it. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret's plaintext when it is there (`value`); a blinded secret (`ciphertext`) is not readable. */
function plain(v: unknown): unknown {
    if (v !== null && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) {
        return (v as Record<string, unknown>).value;
    }
    return v;
}

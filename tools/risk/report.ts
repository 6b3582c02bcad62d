// How `npm run risk` prints a classification: terminal text (class, what the charter
// asks for, a reason per change, highest class first), or one JSON document for CI
// (the `label` is the pull request label: risk/low, risk/medium, risk/high).

import { RISK_CLASSES, RiskClass } from "../../model/risk";
import type { Reason, RiskReport } from "./classify";

export interface RiskDocument {
    risk: RiskClass;
    label: string;
    asks: string;
    means: string;
    /** Where the changes came from: an event log, or offline base..head. */
    source: string;
    /** Changes per class. */
    counts: Record<RiskClass, number>;
    reasons: Reason[];
    /** `sig` labels of the resources that set the class: owning SIGs to consult. */
    sigs: string[];
    /** Things the reader should know about how the class was computed. */
    notes: string[];
}

export function riskDocument(report: RiskReport, source: string, notes: string[] = []): RiskDocument {
    const counts = Object.fromEntries(RISK_CLASSES.map(c => [c, report.reasons.filter(r => r.risk === c).length])) as Record<RiskClass, number>;
    return {
        risk: report.risk, label: report.label, asks: report.asks, means: report.means,
        source, counts, reasons: report.reasons, sigs: report.sigs, notes,
    };
}

export function renderJson(doc: RiskDocument): string {
    return JSON.stringify(doc, null, 2) + "\n";
}

/** At most this many low changes are listed in text; JSON has them all. */
const LOW_SHOWN = 10;

export function renderText(doc: RiskDocument): string {
    const lines: string[] = [];
    lines.push(`Change risk: ${doc.risk.toUpperCase()} (label ${doc.label})`);
    lines.push(`  from ${doc.source}`);
    lines.push(`  ${doc.means}`);
    lines.push("");
    lines.push(`The charter asks for: ${doc.asks}`);
    if (doc.sigs.length > 0) lines.push(`Affected SIGs (sig labels of the resources that set the class): ${doc.sigs.join(", ")}`);
    lines.push("");
    const total = doc.reasons.length;
    if (total === 0) {
        lines.push("No resource changes.");
    } else {
        lines.push(`${total} change${total === 1 ? "" : "s"}: ${[...RISK_CLASSES].reverse().map(c => `${doc.counts[c]} ${c}`).join(", ")}`);
        let lowShown = 0;
        for (const r of doc.reasons) {
            if (r.risk === "low" && ++lowShown > LOW_SHOWN) continue;
            const op = r.note ? `${r.op} (${r.note})` : r.op;
            lines.push(`  ${r.risk.padEnd(6)} ${op}`);
            lines.push(`         ${r.urn}`);
            lines.push(`         ${r.rule ? `${r.rule}: ` : ""}${r.why}`);
        }
        if (lowShown > LOW_SHOWN) lines.push(`  ... and ${lowShown - LOW_SHOWN} more low changes (--format json lists them all)`);
    }
    for (const note of doc.notes) lines.push(`note: ${note}`);
    return lines.join("\n") + "\n";
}

// Ends the engine suite's output with the agreement line, "engine agreement: N/N
// cases": of the corpus cases (tests named "agreement: <case>"), how many ran and
// agreed, out of how many there are. A case that did not run counts as not agreeing.

class AgreementReporter {
    onRunComplete(_contexts, results) {
        const cases = results.testResults.flatMap(file => file.testResults)
            .filter(t => t.title.startsWith("agreement: "));
        if (cases.length === 0) return;
        const agreed = cases.filter(t => t.status === "passed").length;
        process.stdout.write(`engine agreement: ${agreed}/${cases.length} cases\n`);
    }
}

module.exports = AgreementReporter;

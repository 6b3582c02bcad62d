// A jest reporter that ends the run with one plain line, "N passed, N failed,
// N skipped", which CI systems that do not know jest's own summary can read.

class SummaryReporter {
    onRunComplete(_contexts, results) {
        const skipped = results.numPendingTests + results.numTodoTests;
        process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
    }
}

module.exports = SummaryReporter;

// Prints the closing line CI reads, "tests: N passed, N failed, N skipped", as the very last
// line of the run (jest's own summary is printed after reporters, hence the exit hook).
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
		process.once('exit', () => process.stdout.write(`\n${line}`));
	}
}
module.exports = SummaryReporter;

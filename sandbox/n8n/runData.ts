// Reading n8n run data (the `IRun` that `n8n execute --rawOutput` prints and that executions store).
import type { IDataObject, IRun, ITaskData } from 'n8n-workflow';

/**
 * Parses `n8n execute --rawOutput` stdout: log lines first, then `JSON.stringify(run, null, 2)`,
 * which starts with a line `{` and ends with the first line that is exactly `}`.
 */
export function parseRawOutput(stdout: string): IRun | undefined {
	// The run is the pretty-printed object that ends the output; a loaded n8n may print other lines
	// (warnings, even ones starting with '{') before it, so every top-level '{' line is a candidate.
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].startsWith('{')) continue;
		for (let end = start; end < lines.length; end++) {
			if (lines[end].trimEnd() !== '}') continue;
			try {
				const run = JSON.parse(lines.slice(start, end + 1).join('\n')) as IRun;
				if (run?.data?.resultData) return run;
			} catch {
				// not the closing brace of the run object after all: keep scanning
			}
		}
	}
	return undefined;
}

/** Every run of a node (one per loop iteration); [] if the node did not run. */
export function nodeRuns(run: IRun, nodeName: string): ITaskData[] {
	return run.data.resultData.runData[nodeName] ?? [];
}

/** The JSON of the items a node emitted on one output in one of its runs. */
export function nodeItems(
	run: IRun,
	nodeName: string,
	options: { output?: number; runIndex?: number } = {},
): IDataObject[] {
	const task = nodeRuns(run, nodeName)[options.runIndex ?? 0];
	if (!task) throw new Error(`node "${nodeName}" did not run (ran: ${executedNodes(run).join(', ')})`);
	const items = task.data?.main?.[options.output ?? 0] ?? [];
	return items.map((item) => item.json);
}

/** Items of every run of a node concatenated (useful after Loop Over Items). */
export function allNodeItems(run: IRun, nodeName: string, output = 0): IDataObject[] {
	return nodeRuns(run, nodeName).flatMap((task) => (task.data?.main?.[output] ?? []).map((i) => i.json));
}

export function executedNodes(run: IRun): string[] {
	return Object.keys(run.data.resultData.runData);
}

export interface RunErrorInfo {
	message: string;
	description?: string;
	node?: string;
	httpCode?: string;
}

/** The error that stopped the run (undefined for a successful run). */
export function runError(run: IRun): RunErrorInfo | undefined {
	const error = run.data.resultData.error as
		| (IDataObject & { message?: string; node?: { name?: string } })
		| undefined;
	if (!error) return undefined;
	return {
		message: String(error.message ?? ''),
		description: error.description ? String(error.description) : undefined,
		node: error.node?.name,
		httpCode: error.httpCode ? String(error.httpCode) : undefined,
	};
}

/** The error a node reported in one of its runs (also set when the run itself failed there). */
export function nodeError(run: IRun, nodeName: string, runIndex = 0): RunErrorInfo | undefined {
	const task = nodeRuns(run, nodeName)[runIndex];
	const error = task?.error as (IDataObject & { message?: string }) | undefined;
	if (!error) return undefined;
	return {
		message: String(error.message ?? ''),
		description: error.description ? String(error.description) : undefined,
		node: nodeName,
		httpCode: error.httpCode ? String(error.httpCode) : undefined,
	};
}

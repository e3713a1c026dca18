// Real-n8n harness: see README.md in this folder.
export { prepareN8nRuntime, REPO_ROOT, type N8nRuntime } from './runtime';
export { packPackage, buildPackage, readPackageJson, type PackOptions, type PackedPackage } from './pack';
export {
	N8nInstance,
	N8nServer,
	N8nCommandError,
	cleanEnv,
	ownerEnv,
	type N8nCredential,
	type N8nWorkflow,
	type N8nInstanceOptions,
	type ExecuteResult,
} from './instance';
export type { ExecutionRow, PublicationRow, WorkflowRow } from './database';
export {
	parseRawOutput,
	nodeRuns,
	nodeItems,
	allNodeItems,
	executedNodes,
	runError,
	nodeError,
	type RunErrorInfo,
} from './runData';
export { freePort, killGroup } from './process';
export { packageTypes, type PackageTypes } from './packageTypes';
export { loadTemplates, bindCredentials, isPublishable, templateId, TEMPLATES_DIR } from './templates';
export {
	N8nRestSession,
	runCycle,
	waitForNextPoll,
	executionsSince,
	waitForNextExecution,
	asRun,
	type OwnerLogin,
	type CycleResult,
	type CycleExecution,
	type CycleOptions,
} from './cycle';
export { PollCounter, PollLog, parsePollLogLine, type PollLogEvent } from './pollSignals';

// Entry point for tests and the CLI: start the bridge with the simulated Sage 50 company
// (`startBridge`), or with what a configuration file selects (`startFromConfig`).
export { type BridgeOptions, type RunningBridge, startBridge } from './simulator';
export { startFromConfig } from './service';
export type { RunningService } from './serve';
export { BridgeClock } from './time';
export { BridgeError, ERROR_CODES, type ErrorCode } from './errors';
export type { SageAdapter } from './adapter';

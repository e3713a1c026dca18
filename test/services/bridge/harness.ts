// Starts the bridge in-process on an ephemeral port with the simulated demo company.
import type { AxiosInstance } from 'axios';
import { type BridgeOptions, type RunningBridge, startBridge } from '../../../bridge/src/index';
import { bridgeClient } from './contract';
import { bridgeAdminHttp, BRIDGE_ADMIN } from '../../support/bridgeAdmin';

export const API_KEY = 'test-key-123';

export interface Harness {
	bridge: RunningBridge;
	/** Authenticated, contract-validated client. */
	api: AxiosInstance;
	/** Contract-validated client without API key. */
	anon: AxiosInstance;
	/** Admin API client (not part of the contract). */
	admin: AxiosInstance;
	/** Unique Idempotency-Key header for one write. */
	key(): { headers: { 'Idempotency-Key': string } };
}

let keyCounter = 0;

export async function startHarness(seed: 'demo' | 'empty' = 'demo', options: Omit<BridgeOptions, 'apiKey' | 'seed'> = {}): Promise<Harness> {
	const bridge = await startBridge({ admin: BRIDGE_ADMIN, ...options, apiKey: API_KEY, seed });
	return {
		bridge,
		api: bridgeClient(bridge.url, API_KEY),
		anon: bridgeClient(bridge.url),
		admin: bridgeAdminHttp(bridge, { validateStatus: () => true }),
		key: () => ({ headers: { 'Idempotency-Key': `test-${process.pid}-${++keyCounter}` } }),
	};
}

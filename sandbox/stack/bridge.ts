// The Sage 50 bridge as a part of the local stack: `startBridge` from bridge/src (simulated Sage 50
// company, demo seed, in memory) and the `sage50UkiApi` credential pointing at it. Wiring lives here
// only; stack.ts just starts, checks and stops it.
import { startBridge } from '../../bridge/src';
import type { N8nCredential } from '../n8n';

export const BRIDGE_API_KEY = 'demo-bridge-key';
/** The simulator's admin API (/__admin, loopback only) has its own key. */
export const BRIDGE_ADMIN_KEY = 'demo-bridge-admin-key';
export const SAGE50_CREDENTIAL_ID = 'sfmSage50Bridge';

export interface RunningBridge {
	url: string;
	healthUrl: string;
	adminUrl: string;
	credential: N8nCredential;
	close(): Promise<void>;
}

/** Starts the bridge with the demo company on `port` (0 = any free port), or says why it could not. */
export async function startBridgePart(port: number): Promise<RunningBridge | { skipped: string }> {
	let bridge: Awaited<ReturnType<typeof startBridge>>;
	try {
		bridge = await startBridge({ port, host: '127.0.0.1', apiKey: BRIDGE_API_KEY, seed: 'demo', admin: { apiKey: BRIDGE_ADMIN_KEY } });
	} catch (error) {
		// e.g. port taken, or node:sqlite missing on a Node older than 22.13
		return { skipped: `could not start: ${(error as Error).message.split('\n')[0]}` };
	}
	// The credential names the company the bridge reports, so the node's wrong-company guard is live
	// in the demo rather than switched off by an empty field.
	const health = (await fetch(`${bridge.url}/health`).then((r) => r.json())) as { company?: string };
	return {
		url: bridge.url,
		healthUrl: `${bridge.url}/health`,
		adminUrl: `${bridge.url}/__admin`,
		credential: {
			id: SAGE50_CREDENTIAL_ID,
			name: 'Sage 50 bridge (local simulator)',
			type: 'sage50UkiApi',
			data: { bridgeUrl: bridge.url, apiKey: BRIDGE_API_KEY, company: String(health.company ?? ''), maxRetries: 3 },
		},
		close: () => bridge.close(),
	};
}

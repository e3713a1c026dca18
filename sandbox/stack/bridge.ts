// The Sage 50 bridge as a part of the local stack. The bridge is built by another engineer; until
// `bridge/src/index.ts` exports a start function the stack skips it with a note. Once it exists,
// adjust BRIDGE_START (and the credential fields) here — nothing else in the stack changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, type N8nCredential } from '../n8n';

const BRIDGE_MODULE = path.join(REPO_ROOT, 'bridge', 'src', 'index.ts');
/** Exported start function looked for, in this order. */
const BRIDGE_START = ['startBridge', 'startSage50Bridge', 'startBridgeServer'];
export const BRIDGE_API_KEY = 'demo-bridge-key';

export interface RunningBridge {
	url: string;
	healthUrl: string;
	credential: N8nCredential;
	close(): Promise<void>;
}

type StartFn = (options: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Starts the bridge with its simulated company, or returns a reason why it cannot yet. */
export async function startBridgePart(port: number): Promise<RunningBridge | { skipped: string }> {
	if (!fs.existsSync(BRIDGE_MODULE)) return { skipped: `${path.relative(REPO_ROOT, BRIDGE_MODULE)} not there yet` };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(BRIDGE_MODULE) as Record<string, unknown>;
	const name = BRIDGE_START.find((n) => typeof mod[n] === 'function');
	if (!name) return { skipped: `bridge/src/index.ts exports none of ${BRIDGE_START.join(', ')}` };
	const bridge = await (mod[name] as StartFn)({ port, host: '127.0.0.1', apiKey: BRIDGE_API_KEY, apiKeys: [BRIDGE_API_KEY] });
	const url = String(bridge.baseUrl ?? bridge.origin ?? bridge.url ?? `http://127.0.0.1:${String(bridge.port ?? port)}`);
	return {
		url,
		healthUrl: `${url.replace(/\/$/, '')}/health`,
		credential: {
			id: 'sfmSage50Bridge',
			name: 'Sage 50 bridge (local simulator)',
			type: 'sage50UkiApi',
			data: { baseUrl: url, apiKey: BRIDGE_API_KEY, company: 'demo' },
		},
		close: async () => {
			if (typeof bridge.close === 'function') await (bridge.close as () => Promise<void>)();
		},
	};
}

// The local stack: ForceManager simulator (demo seed), the Sage 50 bridge (when it exists) and a
// real n8n with this package built, packed and installed, credentials for both simulators and every
// workflow template imported and published.
import * as path from 'node:path';
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../forcemanager';
import {
	N8nInstance,
	freePort,
	isPublishable,
	loadTemplates,
	ownerEnv,
	packPackage,
	prepareN8nRuntime,
	type N8nCredential,
	type N8nServer,
} from '../n8n';
import { BRIDGE_ADMIN_KEY, startBridgePart, type RunningBridge } from './bridge';

export interface StackOptions {
	/** 0 = any free port. Defaults: n8n 5678, ForceManager simulator 8081, bridge 8082. */
	n8nPort?: number;
	forceManagerPort?: number;
	bridgePort?: number;
	/** `npm run build` before packing: 'always' (default), 'ifMissing', 'never'. */
	build?: 'always' | 'ifMissing' | 'never';
	/** Publish the imported templates so their triggers run (default true). */
	publish?: boolean;
	/** Keep n8n's data here between runs instead of a throw-away folder. */
	userFolder?: string;
	log?: (line: string) => void;
}

export const OWNER = { email: 'admin@sfm.local', password: 'Sfm-Demo-2026' };
export const FORCEMANAGER_CREDENTIAL_ID = 'sfmForceManagerDemo';

export interface PartStatus {
	name: string;
	url?: string;
	status: 'up' | 'down' | 'skipped';
	note?: string;
}

export interface Stack {
	n8n: N8nServer;
	instance: N8nInstance;
	forceManager: ForceManagerSimulator;
	bridge?: RunningBridge;
	credentials: N8nCredential[];
	workflows: Array<{ id: string; name: string; file: string; published: boolean }>;
	notes: string[];
	/** Asks every part whether it answers. */
	check(): Promise<PartStatus[]>;
	summary(): string;
	stop(): Promise<void>;
}

const port = async (value: number | undefined, fallback: number) =>
	value === 0 ? await freePort() : (value ?? fallback);

async function answers(url: string, expectOk: (body: unknown) => boolean): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
		return response.ok && expectOk(await response.json());
	} catch {
		return false;
	}
}

async function postOk(url: string, body: unknown): Promise<boolean> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		});
		return response.ok;
	} catch {
		return false;
	}
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const log = options.log ?? ((line: string) => process.stdout.write(`[stack] ${line}\n`));
	const notes: string[] = [];
	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
	};
	try {
		log('preparing Node 24 + n8n (first run installs them, about 4 minutes)');
		const runtime = prepareN8nRuntime();

		const forceManager = await startForceManagerSimulator({
			port: await port(options.forceManagerPort, 8081),
			seed: 'demo',
		});
		stops.push(() => forceManager.close());
		log(`ForceManager simulator on ${forceManager.baseUrl}`);

		const bridgePart = await startBridgePart(await port(options.bridgePort, 8082));
		let bridge: RunningBridge | undefined;
		if ('skipped' in bridgePart) {
			notes.push(`Sage 50 bridge skipped: ${bridgePart.skipped}`);
			log(notes[notes.length - 1]);
		} else {
			bridge = bridgePart;
			stops.push(() => bridgePart.close());
			log(`Sage 50 bridge on ${bridge.url}`);
		}

		log(`building and packing the package (build: ${options.build ?? 'always'})`);
		const pkg = packPackage({ build: options.build ?? 'always' });
		const instance = new N8nInstance({
			name: 'stack',
			runtime,
			userFolder: options.userFolder,
			env: ownerEnv(runtime, OWNER.email, OWNER.password),
		});
		stops.push(() => instance.dispose());
		await instance.installPackage(pkg.tgz);

		const credentials: N8nCredential[] = [
			{
				id: FORCEMANAGER_CREDENTIAL_ID,
				name: 'ForceManager (local simulator)',
				type: 'forceManagerApi',
				data: {
					baseUrl: forceManager.baseUrl,
					publicKey: DEMO_KEYS.publicKey,
					privateKey: DEMO_KEYS.privateKey,
					requestsPerSecond: 4,
				},
			},
			...(bridge ? [bridge.credential] : []),
		];
		await instance.importCredentials(credentials);

		const templates = loadTemplates(credentials);
		await instance.importWorkflows(templates);
		const workflows: Stack['workflows'] = [];
		for (const wf of templates) {
			let published = false;
			if (options.publish !== false && isPublishable(wf)) {
				try {
					await instance.publishWorkflows([wf.id]);
					published = true;
				} catch (error) {
					notes.push(`could not publish ${path.basename(wf.file)}: ${(error as Error).message.split('\n')[0]}`);
				}
			}
			workflows.push({ id: wf.id, name: wf.name, file: path.relative(process.cwd(), wf.file), published });
		}
		log(`imported ${credentials.length} credential(s) and ${templates.length} workflow template(s)`);

		const n8n = await instance.start({ port: await port(options.n8nPort, 5678) });
		log(`n8n ${runtime.n8nVersion} on ${n8n.url}`);

		const check = async (): Promise<PartStatus[]> => {
			const parts: PartStatus[] = [];
			const fmHealth = `${forceManager.origin}/__admin/health`;
			parts.push({
				name: 'ForceManager simulator',
				url: fmHealth,
				status: (await answers(fmHealth, (b) => (b as { status?: string }).status === 'ok')) ? 'up' : 'down',
			});
			if (bridge) {
				parts.push({
					name: 'Sage 50 bridge',
					url: bridge.healthUrl,
					status: (await answers(bridge.healthUrl, () => true)) ? 'up' : 'down',
				});
			} else {
				parts.push({ name: 'Sage 50 bridge', status: 'skipped', note: notes.find((n) => n.includes('bridge')) });
			}
			parts.push({
				name: 'n8n',
				url: `${n8n.url}/healthz`,
				status: (await n8n.healthy()) ? 'up' : 'down',
			});
			// The printed logins must be true: sign in to n8n and to the simulator with them.
			parts.push({
				name: 'n8n owner login',
				url: `${n8n.url}/rest/login`,
				status: (await postOk(`${n8n.url}/rest/login`, { emailOrLdapLoginId: OWNER.email, password: OWNER.password }))
					? 'up'
					: 'down',
			});
			parts.push({
				name: 'ForceManager API login (demo keys)',
				url: `${forceManager.baseUrl}/login`,
				status: (await postOk(`${forceManager.baseUrl}/login`, {
					username: DEMO_KEYS.publicKey,
					password: DEMO_KEYS.privateKey,
				}))
					? 'up'
					: 'down',
			});
			return parts;
		};

		const summary = () =>
			[
				'',
				'Local stack is running:',
				`  n8n editor          ${n8n.url}   (login ${OWNER.email} / ${OWNER.password})`,
				`  ForceManager API    ${forceManager.baseUrl}   (public key ${DEMO_KEYS.publicKey}, private key ${DEMO_KEYS.privateKey})`,
				`  ForceManager admin  ${forceManager.origin}/__admin/health  (reset, seed, records, faults: see sandbox/forcemanager/README.md)`,
				bridge
					? `  Sage 50 bridge      ${bridge.url}   (X-API-Key ${String(bridge.credential.data.apiKey)})  admin ${bridge.adminUrl} (loopback, X-Admin-Key ${BRIDGE_ADMIN_KEY})`
					: '  Sage 50 bridge      not started (see notes)',
				`  n8n credentials     ${credentials.map((c) => `${c.name} [${c.type}, id ${c.id}]`).join('; ')}`,
				`  workflows           ${workflows.length === 0 ? 'none in workflows/ yet' : workflows.map((w) => `${w.id}${w.published ? ' (published)' : ''}`).join(', ')}`,
				`  n8n data and logs   ${instance.userFolder}  (server log: ${n8n.logFile})`,
				...notes.map((n) => `  note: ${n}`),
				'',
			].join('\n');

		return {
			n8n,
			instance,
			forceManager,
			bridge,
			credentials,
			workflows,
			notes,
			check,
			summary,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

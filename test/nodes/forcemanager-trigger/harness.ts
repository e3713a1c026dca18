// Drives the ForceManager Trigger against the simulator over real HTTP: a fake poll context per
// poll, with static data and credentials that persist between polls as n8n keeps them.
import axios, { type AxiosInstance } from 'axios';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ForceManagerTrigger } from '../../../nodes/ForceManagerTrigger/ForceManagerTrigger.node';
import {
	DEMO_KEYS,
	startForceManagerSimulator,
	type ForceManagerSimulator,
} from '../../../sandbox/forcemanager';
import type { RunningBridge } from '../../../bridge/src';
import { ForceManagerApi } from '../../../credentials/ForceManagerApi.credentials';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { createLoadOptionsContext, createPollContext } from '../../support/n8nContext';

export const BRIDGE_KEY = 'fm-trigger-bridge-key';

export interface TriggerParams {
	entity?: string;
	events?: string[];
	options?: IDataObject;
}

export class TriggerHarness {
	readonly node = new ForceManagerTrigger();
	/** `getWorkflowStaticData('node')`, kept across polls like an active workflow's. */
	staticData: IDataObject = {};
	readonly credentials: ICredentialDataDecryptedObject;
	logins = 0;
	requests = 0;
	/** `getPollBudgetMs()` the poll context offers (undefined: absent, as in n8n 1.x). */
	pollBudgetMs?: number;

	constructor(
		readonly sim: ForceManagerSimulator,
		public params: TriggerParams = {},
		/** With a bridge, the trigger can keep its delivery ledger there (Delivery "Confirmed by the Workflow"). */
		readonly bridge?: RunningBridge,
		readonly nodeId = 'fm-trigger',
	) {
		this.credentials = {
			baseUrl: sim.baseUrl,
			publicKey: DEMO_KEYS.publicKey,
			privateKey: DEMO_KEYS.privateKey,
			requestsPerSecond: 0,
			sessionToken: '',
		};
	}

	private parameters(): IDataObject {
		return {
			entity: this.params.entity ?? 'accounts',
			events: this.params.events ?? ['created', 'updated', 'deleted'],
			options: this.params.options ?? {},
		};
	}

	/** One poll in trigger mode (an active workflow); returns the emitted items or null. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[] | null> {
		const ctx = createPollContext({
			parameters: this.parameters(),
			credentials: {
				forceManagerApi: this.credentials,
				...(this.bridge ? { sage50UkiApi: { bridgeUrl: this.bridge.url, apiKey: BRIDGE_KEY, company: '', maxRetries: 0 } } : {}),
			},
			credentialTypes: [new ForceManagerApi(), new Sage50UkiApi()],
			staticData: { node: this.staticData },
			mode,
			pollBudgetMs: this.pollBudgetMs,
			node: { id: this.nodeId, name: 'ForceManager Trigger', type: 'n8n-nodes-sage50-forcemanager.forceManagerTrigger' },
		});
		try {
			const result = await this.node.poll.call(ctx);
			return result === null ? null : result[0];
		} finally {
			this.logins += ctx.fake.logins;
			this.requests += ctx.fake.requests.length;
		}
	}

	/** Emitted items reduced to `event:id` for compact assertions. */
	async pollEvents(): Promise<string[]> {
		const items = await this.poll();
		return (items ?? []).map((item) => `${String(item.json.event)}:${String(item.json.id)}`);
	}

	async loadUsers() {
		const ctx = createLoadOptionsContext({
			parameters: this.parameters(),
			credentials: { forceManagerApi: this.credentials },
		});
		return await this.node.methods.loadOptions.getUsers.call(ctx);
	}
}

export interface SimulatorClients {
	sim: ForceManagerSimulator;
	/** Admin API (`/__admin`): seeding, UI edits, faults, clock. */
	admin: AxiosInstance;
	/** The integration's own API key: writes stamped with DEMO_KEYS.userId. */
	api: () => Promise<AxiosInstance>;
}

export async function startSimulator(): Promise<SimulatorClients> {
	const sim = await startForceManagerSimulator({ rateLimitPerSecond: 0 });
	const admin = axios.create({ baseURL: `${sim.origin}/__admin` });
	const api = async () => {
		const { data } = await axios.post(`${sim.baseUrl}/login`, {
			username: DEMO_KEYS.publicKey,
			password: DEMO_KEYS.privateKey,
		});
		return axios.create({ baseURL: sim.baseUrl, headers: { 'X-Session-Key': data.token } });
	};
	return { sim, admin, api };
}

/** A valid account as the ForceManager UI would create it (demo branch 1, demo rep 3). */
export const account = (name: string): IDataObject => ({ name, branchId: 1, salesRepId1: 3 });

// The bridge with the simulated Sage 50 company (tests, the local stack, the demo): its SQLite
// company, the delivery ledger in the same file, and optionally the admin API.
import { CodePage, type TextEncodingOptions } from './codePage';
import { DeliveryLedger } from './delivery/ledger';
import { adminRoutes } from './http/admin';
import { Ops } from './http/ops';
import { DEFAULT_IDEMPOTENCY_TTL_SECONDS } from './http/server';
import { listen, type ListenOptions, type RunningService } from './serve';
import { type SeedName, seedCompany } from './seed/demo';
import { SimulatedSageAdapter } from './sim/adapter';
import { SimulatedCompany } from './sim/company';
import { BridgeClock } from './time';

export interface BridgeOptions extends ListenOptions {
	/** SQLite file of the simulated company; default ':memory:'. An existing file keeps its data. */
	dbPath?: string;
	/** Seed for a new (empty) database; default 'demo'. */
	seed?: SeedName;
	/** Time source (a function or a BridgeClock); the admin API can freeze/set/advance it. */
	clock?: BridgeClock | (() => Date);
	/**
	 * Mount the simulator's admin API at /__admin with its own key (header X-Admin-Key), answered
	 * only to callers on this machine (loopback). Absent: not mounted, its paths are unknown routes.
	 */
	admin?: { apiKey: string };
	/** The code page the company's text must fit (configuration `sage.textEncoding`); default Windows-1252, fail. */
	textEncoding?: TextEncodingOptions;
}

export interface RunningBridge extends RunningService {
	company: SimulatedCompany;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
	if (!options.apiKey) throw new Error('startBridge: apiKey is required');
	if (options.admin && (!options.admin.apiKey || options.admin.apiKey === options.apiKey)) {
		throw new Error('startBridge: the admin API needs its own key (admin.apiKey), different from the API key');
	}
	const ttl = options.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
	if (!Number.isInteger(ttl) || ttl < 1) throw new Error('startBridge: idempotencyTtlSeconds must be a whole number of seconds ≥ 1');
	const clock = options.clock instanceof BridgeClock ? options.clock : new BridgeClock(options.clock);
	const company = new SimulatedCompany(options.dbPath ?? ':memory:', clock, CodePage.of(options.textEncoding));
	if (!company.store.get('SELECT 1 AS X FROM TAX_CODE LIMIT 1')) seedCompany(company, options.seed ?? 'demo');
	const adapter = new SimulatedSageAdapter(company);
	// The simulated company's database is the bridge's local database too.
	const ledger = new DeliveryLedger(company.store, clock, adapter);
	const ops = new Ops();
	const admin = options.admin ? { router: adminRoutes(company, clock, ops, ledger), apiKey: options.admin.apiKey } : undefined;
	const running = await listen({ ...options, idempotencyTtlSeconds: ttl }, { adapter, ledger, clock, ops, admin });
	return { ...running, company };
}


// Everything one simulator instance holds; shared by the API and admin routes.
import { SimClock } from './clock';
import { Counters, Faults } from './monitor';
import { type ApiKey, RateLimiter, Sessions } from './sessions';
import { Store } from './store';

export interface RuntimeConfig {
	sessionTtlSeconds: number;
	rateLimitPerSecond: number;
	enforceReadOnly: boolean;
	pageSizeMax: number;
	/** User stamped on admin ("UI") edits. */
	uiUserId: number;
}

export interface SimState {
	origin: string;
	keys: ApiKey[];
	config: RuntimeConfig;
	initialConfig: RuntimeConfig;
	clock: SimClock;
	store: Store;
	sessions: Sessions;
	limiter: RateLimiter;
	counters: Counters;
	faults: Faults;
}

export function createState(keys: ApiKey[], config: RuntimeConfig): SimState {
	const clock = new SimClock();
	const state: SimState = {
		origin: '',
		keys,
		config: { ...config },
		initialConfig: { ...config },
		clock,
		store: new Store(clock),
		sessions: undefined as unknown as Sessions,
		limiter: undefined as unknown as RateLimiter,
		counters: new Counters(),
		faults: new Faults(),
	};
	state.sessions = new Sessions(clock, () => state.keys, () => state.config.sessionTtlSeconds);
	state.limiter = new RateLimiter(() => state.config.rateLimitPerSecond);
	return state;
}

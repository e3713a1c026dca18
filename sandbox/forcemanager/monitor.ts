// Request counters and fault injection for the admin API.
export interface RouteCount {
	method: string;
	route: string;
	status: number;
	count: number;
}

export class Counters {
	private total = 0;
	private writes = 0;
	private byRoute = new Map<string, RouteCount>();

	/** `route` is the path template (`/api/v4/accounts/{id}`); status 0 = no answer (hang fault). */
	record(method: string, route: string, status: number): void {
		this.total++;
		// Every write attempt counts, whatever its outcome: idempotency tests want zero attempts.
		if (['POST', 'PUT', 'DELETE', 'PATCH'].includes(method) && route !== '/api/v4/login') this.writes++;
		const key = `${method} ${route} ${status}`;
		const entry = this.byRoute.get(key) ?? { method, route, status, count: 0 };
		entry.count++;
		this.byRoute.set(key, entry);
	}

	snapshot(): { total: number; writes: number; byRoute: RouteCount[] } {
		const byRoute = [...this.byRoute.values()].map((r) => ({ ...r }));
		byRoute.sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status);
		return { total: this.total, writes: this.writes, byRoute };
	}

	reset(): void {
		this.total = 0;
		this.writes = 0;
		this.byRoute.clear();
	}
}

/** Answers an API would never give on purpose, but a proxy, a load balancer or a crashing server does. */
export const GARBAGE_MODES = ['htmlError', 'truncatedJson', 'nonJson500', 'emptyBody', 'hugePayload'] as const;
export type GarbageMode = (typeof GARBAGE_MODES)[number];
export type FaultMode = 'error500' | 'hang' | 'rateLimit' | GarbageMode;
const FAULT_MODES: readonly FaultMode[] = ['error500', 'hang', 'rateLimit', ...GARBAGE_MODES];

export interface Fault {
	mode: FaultMode;
	count: number;
	method?: string;
	path?: string;
	/** Garbage modes: carry the request out first, then answer garbage (the write has happened). */
	processed?: boolean;
	/** htmlError: the status of the page (default 502). */
	status?: number;
	/** hugePayload: body size in bytes (default 8 MiB). */
	sizeBytes?: number;
}

export class Faults {
	private faults: Fault[] = [];

	add(input: unknown): Fault {
		const f = (input ?? {}) as Record<string, unknown>;
		if (!FAULT_MODES.includes(f.mode as FaultMode)) throw new Error(`mode must be one of ${FAULT_MODES.join(', ')}`);
		const count = f.count === undefined ? 1 : f.count;
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
		if (f.method !== undefined && typeof f.method !== 'string') throw new Error('method must be a string');
		if (f.path !== undefined && typeof f.path !== 'string') throw new Error('path must be a string');
		if (f.processed !== undefined && typeof f.processed !== 'boolean') throw new Error('processed must be a boolean');
		if (f.status !== undefined && !(Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 599)) {
			throw new Error('status must be an HTTP error status (400-599)');
		}
		if (f.sizeBytes !== undefined && !(Number.isInteger(f.sizeBytes) && (f.sizeBytes as number) > 0 && (f.sizeBytes as number) <= 256 * 2 ** 20)) {
			throw new Error('sizeBytes must be a whole number of bytes up to 256 MiB');
		}
		const fault: Fault = { mode: f.mode as FaultMode, count };
		for (const key of ['method', 'path', 'processed', 'status', 'sizeBytes'] as const) {
			if (f[key] !== undefined) (fault as unknown as Record<string, unknown>)[key] = f[key];
		}
		this.faults.push(fault);
		return fault;
	}

	/**
	 * Consumes one occurrence of the first fault matching the request. `path` matches the request path with or
	 * without `/api/v4`, or the route template; a trailing `*` makes it a prefix.
	 */
	take(method: string, path: string, route: string): Fault | undefined {
		const fault = this.faults.find(
			(f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || pathMatches(f.path, path, route)),
		);
		if (!fault) return undefined;
		fault.count--;
		if (fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
		return { ...fault };
	}

	list(): Fault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}
}

function pathMatches(pattern: string, path: string, route: string): boolean {
	const candidates = [path, route, path.replace(/^\/api\/v4/, ''), route.replace(/^\/api\/v4/, '')];
	if (pattern.endsWith('*')) return candidates.some((c) => c.startsWith(pattern.slice(0, -1)));
	return candidates.includes(pattern);
}

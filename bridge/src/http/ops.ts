// Operational state of the HTTP layer: request counters and injected faults (driven by /__admin),
// including the garbage answers a proxy or a crashing host gives in the bridge's place.
import type { ErrorCode } from '../errors';

/** Answers the bridge never gives itself, but a reverse proxy in front of it or a crashing host does. */
export const GARBAGE_MODES = ['htmlError', 'truncatedJson', 'nonJson500', 'emptyBody', 'hugePayload'] as const;
export type GarbageMode = (typeof GARBAGE_MODES)[number];
export type FaultMode = 'USER_IN_USE' | 'EXCLUSIVE_MODE' | 'RECORD_LOCKED' | 'SAGE_BUSY' | 'slow' | 'offline' | 'lostResponse' | GarbageMode;
export const FAULT_MODES: readonly FaultMode[] = ['USER_IN_USE', 'EXCLUSIVE_MODE', 'RECORD_LOCKED', 'SAGE_BUSY', 'slow', 'offline', 'lostResponse', ...GARBAGE_MODES];

export interface Fault {
	mode: FaultMode;
	/** Requests still to affect. */
	remaining: number;
	method?: string;
	/** Route template (`/customers/{accountRef}`) or literal path (`/customers/ABS001`). */
	route?: string;
	/** For slow: delay before the request is served. */
	delayMs?: number;
	/** Garbage modes: serve the request first (writes happen, idempotency keys are stored), then answer garbage. */
	processed?: boolean;
	/** htmlError: status of the page (default 502). */
	status?: number;
	/** hugePayload: body size in bytes (default 8 MiB). */
	sizeBytes?: number;
}

const FAULT_MESSAGES: Record<Exclude<FaultMode, 'slow' | 'offline' | 'lostResponse' | GarbageMode>, string> = {
	USER_IN_USE: 'The Sage user of the bridge is already logged in (sdoLogonNameInUse)',
	EXCLUSIVE_MODE: 'Sage is in exclusive mode (backup or month end); logon cannot proceed',
	RECORD_LOCKED: 'The record is being edited by another Sage user',
	SAGE_BUSY: 'Sage files are locked; accounts busy',
};

export class Ops {
	private counts = new Map<string, number>();
	private total = 0;
	private writes = 0;
	faults: Fault[] = [];

	/** `write`: a write to a Sage record (the ledger's own calls are not Sage writes). */
	count(method: string, route: string, status: number, write = method !== 'GET' && method !== 'HEAD'): void {
		this.total++;
		if (write) this.writes++;
		const key = `${method} ${route} ${status}`;
		this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
	}

	counters(): { total: number; writes: number; byRoute: Array<{ method: string; route: string; status: number; count: number }> } {
		const byRoute = [...this.counts.entries()].map(([key, count]) => {
			const [method, route, status] = key.split(' ');
			return { method, route, status: Number(status), count };
		});
		return { total: this.total, writes: this.writes, byRoute };
	}

	resetCounters(): void {
		this.counts.clear();
		this.total = 0;
		this.writes = 0;
	}

	/** Takes the first fault matching this request (and uses up one of its count). */
	takeFault(method: string, path: string, template: string | undefined): Fault | undefined {
		const fault = this.faults.find(
			(f) =>
				f.remaining > 0 &&
				(f.method === undefined || f.method.toUpperCase() === method) &&
				(f.route === undefined || f.route === template || f.route === path),
		);
		if (!fault) return undefined;
		fault.remaining--;
		this.faults = this.faults.filter((f) => f.remaining > 0);
		return fault;
	}

	static sageError(mode: FaultMode): { code: ErrorCode; message: string } | undefined {
		if (mode === 'slow' || mode === 'offline' || mode === 'lostResponse' || Ops.isGarbage(mode)) return undefined;
		return { code: mode, message: FAULT_MESSAGES[mode] };
	}

	static isGarbage(mode: FaultMode): mode is GarbageMode {
		return (GARBAGE_MODES as readonly string[]).includes(mode);
	}

	static garbageFault(fault: Fault | undefined): (Fault & { mode: GarbageMode }) | undefined {
		return fault && Ops.isGarbage(fault.mode) ? (fault as Fault & { mode: GarbageMode }) : undefined;
	}

	/**
	 * The raw answer of a garbage fault; `served` is what the bridge answered when the fault is
	 * `processed` (truncatedJson cuts it in half, status kept: a proper prefix of JSON text is never valid JSON).
	 */
	static garbage(
		fault: Fault & { mode: GarbageMode },
		served?: { status: number; text: string },
	): { status: number; bytes: Buffer; contentType: string } {
		const json = 'application/json; charset=utf-8';
		const reply = (status: number, contentType: string, text: string) => ({ status, contentType, bytes: Buffer.from(text) });
		if (fault.mode === 'htmlError') {
			const status = fault.status ?? 502;
			const title = `${status} - Web server received an invalid response while acting as a gateway or proxy server.`;
			return reply(status, 'text/html', `<!DOCTYPE html><html><head><title>${title}</title></head><body><h2>${title}</h2></body></html>`);
		}
		if (fault.mode === 'truncatedJson') {
			const whole = served && served.text.length > 1 ? served.text : '{"ACCOUNT_REF":"ABS001","NAME":"A B S Garages Ltd","ADDRESS_1":"Un';
			return reply(served?.status ?? 200, json, whole.slice(0, Math.max(1, Math.floor(whole.length / 2))));
		}
		if (fault.mode === 'nonJson500') return reply(500, 'text/plain', 'Internal Server Error: the bridge host process crashed (0xC0000005)\r\n');
		if (fault.mode === 'emptyBody') return reply(200, json, '');
		const head = '{"items":[{"ACCOUNT_REF":"ABS001","NOTES":"';
		return reply(200, json, head + 'x'.repeat(Math.max(0, (fault.sizeBytes ?? 8 * 2 ** 20) - head.length)));
	}
}

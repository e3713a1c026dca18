// Operational state of the HTTP layer: request counters and injected faults (driven by /__admin).
import type { ErrorCode } from '../errors';

export type FaultMode = 'USER_IN_USE' | 'EXCLUSIVE_MODE' | 'RECORD_LOCKED' | 'SAGE_BUSY' | 'slow' | 'offline' | 'lostResponse';
export const FAULT_MODES: readonly FaultMode[] = ['USER_IN_USE', 'EXCLUSIVE_MODE', 'RECORD_LOCKED', 'SAGE_BUSY', 'slow', 'offline', 'lostResponse'];

export interface Fault {
	mode: FaultMode;
	/** Requests still to affect. */
	remaining: number;
	method?: string;
	/** Route template (`/customers/{accountRef}`) or literal path (`/customers/ABS001`). */
	route?: string;
	/** For slow: delay before the request is served. */
	delayMs?: number;
}

const FAULT_MESSAGES: Record<Exclude<FaultMode, 'slow' | 'offline' | 'lostResponse'>, string> = {
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
		if (mode === 'slow' || mode === 'offline' || mode === 'lostResponse') return undefined;
		return { code: mode, message: FAULT_MESSAGES[mode] };
	}
}

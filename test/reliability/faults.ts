// A seeded fault schedule: windows of one to three template cycles during which ForceManager or the
// Sage 50 bridge misbehaves, armed through their admin APIs before each cycle of the window and
// cleared after it. Counts are chosen around the nodes' retry budgets (3 retries against the
// bridge), so some faults are ridden out and some fail the run. ForceManager: 429s, 500s, a hung request (never answered: the client's 60 s
// timeout fires), expired sessions. Bridge: USER_IN_USE, EXCLUSIVE_MODE, RECORD_LOCKED, SAGE_BUSY
// (503, retryable) and offline periods (connections closed without an answer).
import type { IDataObject } from 'n8n-workflow';

import type { ForceManagerAdmin, SageAdmin } from '../support/sync';
import type { Random } from './random';

export const FAULT_KINDS = [
	'fm429',
	'fm500',
	'fmHang',
	'fmSessionExpiry',
	'sageUserInUse',
	'sageExclusive',
	'sageRecordLocked',
	'sageBusy',
	'sageOffline',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultWindow {
	kind: FaultKind;
	/** First affected cycle (0-based, counting every template cycle). */
	fromCycle: number;
	cycles: number;
	/** The admin API body armed before each cycle of the window (none for session expiry). */
	fault?: IDataObject;
}

export interface FaultScheduleOptions {
	/** Cycles of the faulty phase. */
	cycles: number;
	/** Chance that a new window opens at a cycle where none is open (default 0.4). */
	rate?: number;
	kinds?: readonly FaultKind[];
	/** Hung requests cost the client's timeout (60 s) each: at most this many windows (default 2). */
	maxHangs?: number;
}

/** Half the Sage faults hit writes only, so the trigger's read passes and the run fails at its upsert. */
const sageMethod = (rng: Random): IDataObject => (rng.chance(0.5) ? { method: rng.pick(['POST', 'PATCH']) } : rng.chance(0.3) ? { method: 'GET' } : {});

function faultBody(kind: FaultKind, rng: Random): IDataObject | undefined {
	switch (kind) {
		case 'fm429':
			return { mode: 'rateLimit', count: rng.int(2, 8) };
		case 'fm500':
			return { mode: 'error500', count: rng.int(1, 6), ...(rng.chance(0.75) ? { method: rng.pick(['POST', 'PUT', 'GET']) } : {}) };
		case 'fmHang':
			return { mode: 'hang', count: 1, method: rng.pick(['GET', 'POST', 'PUT']) };
		case 'fmSessionExpiry':
			return undefined;
		case 'sageUserInUse':
			return { mode: 'USER_IN_USE', count: rng.int(2, 12), ...sageMethod(rng) };
		case 'sageExclusive':
			return { mode: 'EXCLUSIVE_MODE', count: rng.int(5, 40), ...sageMethod(rng) };
		case 'sageRecordLocked':
			return { mode: 'RECORD_LOCKED', count: rng.int(2, 8), method: rng.pick(['POST', 'PATCH']) };
		case 'sageBusy':
			return { mode: 'SAGE_BUSY', count: rng.int(2, 10), ...sageMethod(rng) };
		case 'sageOffline':
			return { mode: 'offline', count: rng.int(3, 30), ...sageMethod(rng) };
	}
}

export function faultSchedule(rng: Random, options: FaultScheduleOptions): FaultWindow[] {
	const windows: FaultWindow[] = [];
	let hangs = 0;
	let busyUntil = 0;
	// Kinds come round-robin from a seeded shuffle, so a short run still sees every kind once.
	let bag: FaultKind[] = [];
	const nextKind = (): FaultKind => {
		if (bag.length === 0) bag = rng.shuffle(options.kinds ?? FAULT_KINDS);
		const kind = bag.shift()!;
		if (kind !== 'fmHang') return kind;
		if (hangs >= (options.maxHangs ?? 2)) return bag.length > 0 ? nextKind() : 'fm500';
		hangs++;
		return kind;
	};
	for (let cycle = 0; cycle < options.cycles; cycle++) {
		if (cycle < busyUntil || !rng.chance(options.rate ?? 0.4)) continue;
		const kind = nextKind();
		const cycles = kind === 'fmHang' ? 1 : rng.int(1, 3);
		windows.push({ kind, fromCycle: cycle, cycles: Math.min(cycles, options.cycles - cycle), fault: faultBody(kind, rng) });
		busyUntil = cycle + cycles;
	}
	return windows;
}

export const activeAt = (windows: readonly FaultWindow[], cycle: number): FaultWindow[] =>
	windows.filter((w) => cycle >= w.fromCycle && cycle < w.fromCycle + w.cycles);

/** Arms the windows open at this cycle (fresh counts each cycle). */
export async function armFaults(windows: readonly FaultWindow[], fm: ForceManagerAdmin, sage: SageAdmin): Promise<void> {
	for (const w of windows) {
		if (w.kind === 'fmSessionExpiry') await fm.expireSessions();
		else if (w.kind.startsWith('fm')) await fm.fault(w.fault!);
		else await sage.fault(w.fault!);
	}
}

export async function clearFaults(fm: ForceManagerAdmin, sage: SageAdmin): Promise<void> {
	await fm.clearFaults();
	await sage.clearFaults();
}

/** Windows and affected cycles per kind, for the summary. */
export function faultCounts(windows: readonly FaultWindow[]): Record<string, { windows: number; cycles: number }> {
	const out: Record<string, { windows: number; cycles: number }> = {};
	for (const w of windows) {
		const c = (out[w.kind] ??= { windows: 0, cycles: 0 });
		c.windows++;
		c.cycles += w.cycles;
	}
	return out;
}

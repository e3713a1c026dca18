// The seeded soak: the shipped templates, imported unchanged into a real n8n (startSyncBench), run
// round after round (one cycle of every polling template per round, in dependency order), people
// editing both systems between rounds, faults armed per a seeded schedule; then the faults and the
// people stop, simulated time passes and clean rounds run so retries and back-offs drain; then the
// independent checker judges both systems.
//
// A "cycle" is one template cycle (one poll + the execution it started). `cycles` counts the
// cycles of the active phase (people + faults) and is rounded up to whole rounds.
//
// Letting time pass: before each clean round both simulators' clocks are advanced through their
// admin APIs (ForceManager POST /__admin/clock, bridge POST /__admin/clock {advanceSeconds}), by
// `cleanAdvanceMinutes` (default 10, 60, 240 min): the delivery ledger's back-offs and confirmation
// timeouts (on the bridge's clock) see that time pass; more clean rounds follow while the ledger
// still holds changes to deliver (`maxDrainRounds`). n8n's own clock cannot be advanced;
// `cleanWaitSeconds` adds real waiting before each clean round if ever needed.
import type { IDataObject } from 'n8n-workflow';

import { BRIDGE_KEY, startSyncBench, type SyncBench } from '../support/sync';
import { check, meetsTargets, type CheckReport } from './checker';
import { readDeadLetters } from './deadLetters';
import { ledgerTotals, type LedgerTotals } from './ledger';
import { EditLog } from './editLog';
import { activeAt, armFaults, clearFaults, faultCounts, faultSchedule, type FaultScheduleOptions, type FaultWindow } from './faults';
import { People } from './people';
import { Random } from './random';
import { checkerLines, findingLines, stamp, writeResult } from './results';
import { readState } from './state';
import { settle } from './settle';
import { soakTemplates, type SoakTemplate } from './templates';

export interface SoakOptions {
	seed: number;
	/** Template cycles of the active phase (people + faults), rounded up to whole rounds. */
	cycles: number;
	/** Fault schedule; false = none (default: on). */
	faults?: boolean | Omit<FaultScheduleOptions, 'cycles'>;
	/** People's actions between two rounds (default 10), of which `bothSidesPerGap` (default 1) edit one contact on both sides. */
	editsPerGap?: number;
	bothSidesPerGap?: number;
	/** Chance that an FM contact a person creates is invalid on purpose (default 0.05). */
	invalidRate?: number;
	/** Clean rounds after the active phase (default 3). */
	cleanRounds?: number;
	/** Extra clean rounds (240 simulated minutes each) while the delivery ledger still holds changes to deliver (default 4). */
	maxDrainRounds?: number;
	/** Minutes both simulators' clocks advance before each clean round (default [10, 60, 240], last one repeated). */
	cleanAdvanceMinutes?: number[];
	/** Real seconds to wait before each clean round, for back-offs on n8n's own clock (default 0). */
	cleanWaitSeconds?: number;
	/** Bench name (n8n folder); default `soak-<seed>`. */
	name?: string;
	/** Where to write the summary (JSON + text); false = nowhere. Default test/reliability/results. */
	resultsDir?: string | false;
	/** Progress lines (default: none). */
	progress?: (line: string) => void;
}

export type CycleOutcome = 'success' | 'error' | 'quiet' | 'driverError';

export interface SoakSummary {
	seed: number;
	rounds: { active: number; clean: number };
	cycles: { active: number; clean: number; byOutcome: Record<CycleOutcome, number> };
	/** The bridge's delivery ledger after the clean rounds, summed over every consumer. */
	ledger: LedgerTotals;
	templates: { cycled: string[]; published: string[]; notRun: string[] };
	faults: { windows: number; byKind: Record<string, { windows: number; cycles: number }>; fired: Record<string, number> };
	edits: ReturnType<EditLog['counts']> & { refused: number };
	timePassed: { simulatedMinutes: number; realWaitSeconds: number };
	checker: CheckReport['counts'];
	targets: ReturnType<typeof meetsTargets>;
	wallSeconds: number;
}

export interface SoakResult {
	summary: SoakSummary;
	report: CheckReport;
	text: string;
	files?: { json: string; text: string };
	driverErrors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/**
 * One cycle with the faults of its windows armed until n8n has settled (settle.ts); the outcome
 * is read from the executions that started meanwhile. A driver failure (e.g. the activation itself
 * failed) is an outcome, not a crash.
 */
async function runOne(bench: SyncBench, t: SoakTemplate, faults: readonly FaultWindow[], errors: string[], label: string): Promise<CycleOutcome> {
	const known = new Set(bench.instance.executions(t.id).map((e) => e.id));
	let outcome: CycleOutcome | undefined;
	await armFaults(faults, bench.fm, bench.sage);
	try {
		await bench.cycle(t.id);
	} catch (error) {
		errors.push(`${label} ${t.file}: ${(error as Error).message.split('\n')[0]}`);
		outcome = 'driverError';
		try {
			if ((await bench.session.workflow(t.id)).active) await bench.session.deactivate(t.id);
		} catch {
			// left for the next cycle's own deactivate
		}
	}
	try {
		await settle(bench.instance, t.id);
	} finally {
		await clearFaults(bench.fm, bench.sage);
	}
	const fresh = bench.instance.executions(t.id).filter((e) => !known.has(e.id));
	if (outcome) return outcome;
	if (fresh.length === 0) return 'quiet';
	return fresh.every((e) => e.status === 'success') ? 'success' : 'error';
}

/** Faults that actually fired, from both simulators' counters (status 429/500/0 at ForceManager; 503/0 at the bridge). */
async function firedFaults(bench: SyncBench): Promise<Record<string, number>> {
	const sum = (rows: Array<{ status: number; count: number }>, status: number) => rows.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0);
	const fm = (await bench.fm.counters()).byRoute;
	const sage = (await bench.sage.counters()).byRoute;
	return { fm429: sum(fm, 429), fm500: sum(fm, 500), fmHung: sum(fm, 0), sage503: sum(sage, 503), sageDropped: sum(sage, 0) };
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
	const started = Date.now();
	const say = options.progress ?? (() => undefined);
	const root = new Random(options.seed);
	const templates = soakTemplates();
	const perRound = templates.cycled.length;
	const activeRounds = Math.max(1, Math.ceil(options.cycles / perRound));
	const cleanRounds = options.cleanRounds ?? 3;
	const advance = options.cleanAdvanceMinutes ?? [10, 60, 240];
	const faultOptions = options.faults === false ? undefined : options.faults === true || options.faults === undefined ? {} : options.faults;
	const windows: FaultWindow[] = faultOptions ? faultSchedule(root.fork('faults'), { ...faultOptions, cycles: activeRounds * perRound }) : [];
	const log = new EditLog();
	const byOutcome: Record<CycleOutcome, number> = { success: 0, error: 0, quiet: 0, driverError: 0 };
	const driverErrors: string[] = [];
	/** Every cycle: outcome, wall seconds, faults armed (in the JSON result). */
	const timeline: Array<{ cycle: number | string; template: string; outcome: CycleOutcome; seconds: number; faults: string[] }> = [];
	let simulatedMinutes = 0;

	const bench = await startSyncBench({ name: options.name ?? `soak-${options.seed}`, forceManagerSeed: 'reference' });
	try {
		for (const t of templates.published) await bench.session.activate(t.id);
		const people = new People({ seed: options.seed, rng: root.fork('people'), fm: bench.fm, sage: bench.sage, log, invalidRate: options.invalidRate });
		let cycle = 0;
		for (let round = 0; round < activeRounds; round++) {
			for (const t of templates.cycled) {
				const open = activeAt(windows, cycle);
				const t0 = Date.now();
				const outcome = await runOne(bench, t, open, driverErrors, `cycle ${cycle}`);
				byOutcome[outcome]++;
				timeline.push({ cycle, template: t.file, outcome, seconds: Math.round((Date.now() - t0) / 100) / 10, faults: open.map((w) => w.kind) });
				say(`cycle ${cycle} ${t.file}: ${outcome}${open.length ? ` [${open.map((w) => w.kind).join(', ')}]` : ''} ${timeline[timeline.length - 1].seconds} s`);
				cycle++;
			}
			log.gap = round + 1;
			if (round < activeRounds - 1 || cleanRounds > 0) await people.gap(options.editsPerGap ?? 10, options.bothSidesPerGap ?? 1);
		}
		const fired = await firedFaults(bench);
		// The fixed clean rounds, then more while the ledger still holds changes (back-offs running):
		// a record retried to its last attempt needs 1 + 2 + 4 + 8 minutes of bridge time and a cycle each.
		const maxDrain = options.maxDrainRounds ?? 4;
		let cleanDone = 0;
		for (let k = 0; k < cleanRounds + maxDrain; k++) {
			if (k >= cleanRounds && (await ledgerTotals(bench)).open === 0) break;
			cleanDone++;
			const minutes = advance[Math.min(k, advance.length - 1)];
			await bench.fm.clock({ advanceSeconds: minutes * 60 });
			await bench.sage.clock({ advanceSeconds: minutes * 60 });
			simulatedMinutes += minutes;
			if (options.cleanWaitSeconds) await sleep(options.cleanWaitSeconds * 1000);
			for (const t of templates.cycled) {
				const t0 = Date.now();
				const outcome = await runOne(bench, t, [], driverErrors, `clean ${k}`);
				byOutcome[outcome]++;
				timeline.push({ cycle: `clean ${k}`, template: t.file, outcome, seconds: Math.round((Date.now() - t0) / 100) / 10, faults: [] });
				say(`clean ${k} ${t.file}: ${outcome} ${timeline[timeline.length - 1].seconds} s`);
			}
		}

		const ledger = await ledgerTotals(bench);
		const state = await readState(bench);
		const deadLetters = await readDeadLetters({ bridgeUrl: bench.bridge.url, apiKey: BRIDGE_KEY });
		const report = check({ state, log: log.entries, deadLetters });
		const summary: SoakSummary = {
			seed: options.seed,
			rounds: { active: activeRounds, clean: cleanDone },
			cycles: { active: activeRounds * perRound, clean: cleanDone * perRound, byOutcome },
			ledger,
			templates: { cycled: templates.cycled.map((t) => t.file), published: templates.published.map((t) => t.file), notRun: templates.notRun.map((t) => t.file) },
			faults: { windows: windows.length, byKind: faultCounts(windows), fired },
			edits: { ...log.counts(), refused: people.refused.length },
			timePassed: { simulatedMinutes, realWaitSeconds: (options.cleanWaitSeconds ?? 0) * cleanDone },
			checker: report.counts,
			targets: meetsTargets(report),
			wallSeconds: Math.round((Date.now() - started) / 1000),
		};
		const text = soakText(summary, driverErrors);
		const full = [text, '', ...findingLines(report.findings)].join('\n');
		const files =
			options.resultsDir === false
				? undefined
				: writeResult(
						`soak-seed${options.seed}-c${summary.cycles.active}-${stamp()}`,
						{ summary, driverErrors, findings: report.findings, faults: windows, timeline, edits: log.entries, refused: people.refused, finalState: state } as unknown as IDataObject,
						full,
						options.resultsDir,
					);
		return { summary, report, text, files, driverErrors };
	} finally {
		await bench.dispose();
	}
}

export function soakText(s: SoakSummary, driverErrors: readonly string[] = []): string {
	const kinds = Object.entries(s.faults.byKind)
		.map(([k, v]) => `${k} ${v.windows}${v.cycles > v.windows ? ` (${v.cycles} cycles)` : ''}`)
		.join(', ');
	const fired = Object.entries(s.faults.fired)
		.map(([k, v]) => `${k} ${v}`)
		.join(', ');
	const o = s.cycles.byOutcome;
	return [
		`soak seed ${s.seed}: ${s.cycles.active} active cycles (${s.rounds.active} rounds × ${s.templates.cycled.length} templates) + ${s.cycles.clean} clean (${s.rounds.clean} rounds) in ${s.wallSeconds} s`,
		`cycles: ${o.success} ran green, ${o.error} failed runs, ${o.quiet} started no execution (nothing to do, or the poll failed), ${o.driverError} driver errors${driverErrors.length ? `: ${driverErrors.slice(0, 3).join(' | ')}` : ''}`,
		`faults injected: ${s.faults.windows} windows (${kinds || 'none'}); answered by the simulators: ${fired}`,
		`edits: ${s.edits.total} (Sage ${s.edits.sage}, ForceManager ${s.edits.fm}; creates ${s.edits.creates}, updates ${s.edits.updates}, deletes ${s.edits.deletes}; same record on both sides ${s.edits.bothSides}; invalid on purpose ${s.edits.invalid}; refused by the systems ${s.edits.refused})`,
		`time passed before the clean rounds: ${s.timePassed.simulatedMinutes} simulated minutes (both simulators' clocks), ${s.timePassed.realWaitSeconds} s real`,
		`delivery ledger at the end: pending ${s.ledger.pending}, leased ${s.ledger.leased}, waiting ${s.ledger.waiting}, dead letters ${s.ledger.dead}`,
		...checkerLines({ counts: s.checker, findings: [] }),
	].join('\n');
}

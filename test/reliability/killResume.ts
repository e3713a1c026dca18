// Kill and resume: a Sage company of a few thousand customers (bridge/src/seed/generate.ts: every
// customer with registered, delivery and contact addresses, plus products) loaded into an empty
// ForceManager tenant by the shipped templates in a real n8n; at a seeded point of the first load
// (a seeded template, when a seeded share of its records has landed) n8n's whole process group is
// SIGKILLed; n8n is started again on the same user folder (database, static data, cursors); the
// clocks move past the killed run's Confirmation Timeout and rounds of every template run until a
// round writes nothing and the delivery ledger holds nothing to deliver; then the independent checker judges both
// systems with the same targets as the soak. No person edits anything and no one presses "Retry".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { generateCompany } from '../../bridge/src/seed/generate';
import { SimulatedCompany } from '../../bridge/src/sim/company';
import { BridgeClock } from '../../bridge/src/time';
import { BRIDGE_KEY, startSyncBench, type SyncBench } from '../support/sync';
import { check, meetsTargets, type CheckReport } from './checker';
import { readDeadLetters } from './deadLetters';
import { ledgerTotals } from './ledger';
import { Random } from './random';
import { checkerLines, findingLines, stamp, writeResult } from './results';
import { isLiveFm, readState } from './state';
import { busy, forgetKilled, settle } from './settle';
import { soakTemplates, type SoakTemplate } from './templates';

export interface KillRunOptions {
	seed: number;
	/** Index of this run within a series (each run derives its own kill point from seed + run). */
	run: number;
	/** Sage customers to generate (default 2000). */
	customers?: number;
	/** Sage products to generate (default 200). */
	products?: number;
	/** Rounds after the restart before giving up on a quiet round (default 8). */
	maxRounds?: number;
	resultsDir?: string | false;
	progress?: (line: string) => void;
}

/** Templates whose first load the kill can hit, with the ForceManager entity they fill and the Sage rows it comes from. */
const TARGETS = {
	'sage-to-fm-accounts': { entity: 'accounts', weight: 2, expected: (t: Tables) => t.customers },
	'sage-to-fm-contacts': { entity: 'contacts', weight: 2, expected: (t: Tables) => t.contacts },
	'sage-to-fm-products': { entity: 'products', weight: 1, expected: (t: Tables) => t.products },
} as const;
type TargetFile = keyof typeof TARGETS;
interface Tables {
	customers: number;
	contacts: number;
	products: number;
}

export interface KillRunSummary {
	seed: number;
	run: number;
	generated: Tables & { addresses: number };
	kill: { template: string; share: number; atRecords: number; of: number; afterSeconds: number; cycleEnded: boolean };
	restartSeconds: number;
	/** Executions the kill interrupted, with the status n8n gives them after the restart. */
	interrupted: Array<{ id: string; workflowId: string; status: string }>;
	roundsAfterRestart: number;
	quiet: boolean;
	checker: CheckReport['counts'];
	targets: ReturnType<typeof meetsTargets>;
	wallSeconds: number;
}

export interface KillRunResult {
	summary: KillRunSummary;
	report: CheckReport;
	text: string;
	files?: { json: string; text: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A generated company in a fresh SQLite file (the bridge keeps an existing file's data). */
function generatedCompanyFile(customers: number, products: number, seed: number): { file: string; counts: { customers: number; addresses: number; products: number } } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfm-kill-'));
	const file = path.join(dir, 'company.sqlite');
	const company = new SimulatedCompany(file, new BridgeClock());
	const counts = generateCompany(company, { customers, products, seed });
	company.store.close();
	return { file, counts };
}

/** One cycle, settled (settle.ts); 'failed' when an execution of it did not succeed or the driver failed. */
async function cycleQuietly(bench: SyncBench, t: SoakTemplate, maxCycles = 20): Promise<'ok' | 'failed'> {
	// A first load takes several polls (each leases at most Max Changes per Poll): cycle until a poll
	// starts no execution, so the templates after this one find all its records in ForceManager.
	let failed = false;
	for (let cycles = 0; cycles < maxCycles; cycles++) {
		const known = new Set(bench.instance.executions(t.id).map((e) => e.id));
		try {
			await bench.cycle(t.id);
		} catch {
			failed = true;
			if ((await bench.session.workflow(t.id)).active) await bench.session.deactivate(t.id);
		}
		await settle(bench.instance, t.id);
		const fresh = bench.instance.executions(t.id).filter((e) => !known.has(e.id));
		failed ||= fresh.some((e) => e.status !== 'success');
		if (failed || fresh.length === 0) break;
	}
	return failed ? 'failed' : 'ok';
}

/** Waits until no execution started after `afterId` is still running (the restarted n8n's activation polls). */
async function waitIdle(bench: SyncBench, afterId: number, timeoutMs = 300_000): Promise<void> {
	await sleep(3000);
	const deadline = Date.now() + timeoutMs;
	while (bench.instance.executions().some((e) => Number(e.id) > afterId && ['new', 'running', 'waiting'].includes(e.status))) {
		if (Date.now() > deadline) throw new Error('n8n did not become idle after the restart');
		await sleep(500);
	}
}

export async function runKillResume(options: KillRunOptions): Promise<KillRunResult> {
	const started = Date.now();
	const say = options.progress ?? (() => undefined);
	const rng = new Random(options.seed).fork(`kill-run-${options.run}`);
	const templates = soakTemplates();
	const { file, counts } = generatedCompanyFile(options.customers ?? 2000, options.products ?? 200, rng.int(1, 1_000_000));
	const bench = await startSyncBench({ name: `kill-${options.seed}-${options.run}`, forceManagerSeed: 'reference', bridgeDbPath: file });
	try {
		for (const t of templates.published) await bench.session.activate(t.id);
		const addresses = await bench.sage.table('SALES_DEL_ADDR');
		const tables: Tables = { customers: counts.customers, contacts: addresses.filter((a) => Number(a.ADDRESS_TYPE) === 1).length, products: counts.products };
		const available = templates.cycled.filter((t) => t.file in TARGETS);
		const target = rng.weighted(Object.fromEntries(available.map((t) => [t.file, TARGETS[t.file as TargetFile].weight])) as Record<string, number>) as TargetFile;
		const share = 0.1 + rng.float() * 0.8;
		const expected = TARGETS[target].expected(tables);
		const threshold = Math.max(1, Math.floor(expected * share));
		say(`run ${options.run}: kill during ${target} at ${Math.round(share * 100)} % (${threshold} of ${expected})`);

		let kill: KillRunSummary['kill'] | undefined;
		for (const t of templates.cycled) {
			if (t.file !== target) {
				say(`  ${t.file}: ${await cycleQuietly(bench, t)}`);
				continue;
			}
			const t0 = Date.now();
			const countLanded = async () => (await bench.fm.records(TARGETS[target].entity)).filter((r) => isLiveFm(r) && r.extId).length;
			let ended = false;
			let cycle: Promise<unknown> = Promise.resolve();
			let landed = 0;
			// A first load takes several polls (a poll leases at most Max Changes per Poll): cycle the
			// target template until the share has landed while one of its executions is running, then
			// kill at once. Between two executions nothing is in flight, so a share reached there waits
			// for the next execution to be under way. The driver may return before n8n has run the load
			// (settle.ts): watch until n8n is done too.
			const running = () => bench.instance.executions(t.id).some((e) => ['new', 'running'].includes(e.status));
			let inFlight = false;
			for (let polls = 0; !inFlight && polls < 40; polls++) {
				ended = false;
				cycle = bench.cycle(t.id).then(
					() => (ended = true),
					() => (ended = true),
				);
				// Done when the driver returned and n8n was idle on two checks in a row (settle.ts).
				for (let calm = 0; calm < 2; await sleep(100)) {
					landed = await countLanded();
					if (landed >= threshold && running()) {
						inFlight = true;
						break;
					}
					calm = ended && !busy(bench.instance, t.id) ? calm + 1 : 0;
				}
				if (landed >= expected) break;
			}
			const cycleEnded = ended && !busy(bench.instance, t.id);
			await bench.killN8n();
			const lastId = Math.max(0, ...bench.instance.executions().map((e) => Number(e.id)));
			const before = bench.instance.executions().filter((e) => ['new', 'running', 'waiting'].includes(e.status));
			kill = { template: target, share, atRecords: landed, of: expected, afterSeconds: Math.round((Date.now() - t0) / 1000), cycleEnded };
			say(`  killed ${target} after ${kill.afterSeconds} s with ${landed}/${expected} records in ForceManager${cycleEnded ? ' (its cycle had ended)' : ''}; executions then: ${before.map((e) => `${e.workflowId}#${e.id} ${e.status}`).join(', ') || 'none running'}`);
			await cycle;
			const r0 = Date.now();
			forgetKilled(bench.instance);
			await bench.restartN8n();
			await waitIdle(bench, lastId);
			const restartSeconds = Math.round((Date.now() - r0) / 1000);
			const rows = new Map(bench.instance.executions().map((e) => [e.id, e]));
			const interrupted = before.map((e) => ({ id: e.id, workflowId: e.workflowId, status: rows.get(e.id)?.status ?? 'gone' }));
			for (const c of templates.cycled) if ((await bench.session.workflow(c.id)).active) await bench.session.deactivate(c.id);
			return await resume(bench, options, templates.cycled, { tables, counts, kill, restartSeconds, interrupted, started, say });
		}
		throw new Error(`kill target ${target} is not among the cycled templates`);
	} finally {
		await bench.dispose();
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

async function resume(
	bench: SyncBench,
	options: KillRunOptions,
	cycled: SoakTemplate[],
	run: {
		tables: Tables;
		counts: { addresses: number };
		kill: KillRunSummary['kill'];
		restartSeconds: number;
		interrupted: KillRunSummary['interrupted'];
		started: number;
		say: (line: string) => void;
	},
): Promise<KillRunResult> {
	let rounds = 0;
	let quiet = false;
	// Time passes as it would for a real admin who just restarts n8n: the killed run's leases run out
	// after the Confirmation Timeout (10 min, on the bridge's clock); later, back-offs of failed records.
	let advanceMinutes = 11;
	while (!quiet && rounds < (options.maxRounds ?? 8)) {
		rounds++;
		await bench.fm.clock({ advanceSeconds: advanceMinutes * 60 });
		await bench.sage.clock({ advanceSeconds: advanceMinutes * 60 });
		await bench.resetCounters();
		const outcomes = [];
		for (const t of cycled) outcomes.push(await cycleQuietly(bench, t));
		const writes = await bench.writes();
		const ledger = await ledgerTotals(bench);
		quiet = writes.forceManager === 0 && writes.sage === 0 && outcomes.every((o) => o === 'ok') && ledger.open === 0;
		advanceMinutes = writes.forceManager === 0 && writes.sage === 0 ? 60 : 0;
		run.say(
			`  round ${rounds} after restart: writes FM ${writes.forceManager}, Sage ${writes.sage}; ${outcomes.filter((o) => o === 'failed').length} failed; ledger open ${ledger.open}, waiting ${ledger.waiting}, dead ${ledger.dead}`,
		);
	}
	const state = await readState(bench);
	const report = check({ state, deadLetters: await readDeadLetters({ bridgeUrl: bench.bridge.url, apiKey: BRIDGE_KEY }) });
	const summary: KillRunSummary = {
		seed: options.seed,
		run: options.run,
		generated: { ...run.tables, addresses: run.counts.addresses },
		kill: run.kill,
		restartSeconds: run.restartSeconds,
		interrupted: run.interrupted,
		roundsAfterRestart: rounds,
		quiet,
		checker: report.counts,
		targets: meetsTargets(report),
		wallSeconds: Math.round((Date.now() - run.started) / 1000),
	};
	const text = killText(summary);
	const files =
		options.resultsDir === false
			? undefined
			: writeResult(`kill-seed${options.seed}-run${options.run}-${stamp()}`, { summary, findings: report.findings }, [text, '', ...findingLines(report.findings)].join('\n'), options.resultsDir);
	return { summary, report, text, files };
}

export function killText(s: KillRunSummary): string {
	return [
		`kill run ${s.run} (seed ${s.seed}): ${s.generated.customers} customers, ${s.generated.contacts} contacts, ${s.generated.products} products generated; ${s.wallSeconds} s`,
		`SIGKILL during ${s.kill.template} after ${s.kill.afterSeconds} s at ${s.kill.atRecords}/${s.kill.of} records (target ${Math.round(s.kill.share * 100)} %)${s.kill.cycleEnded ? ', its cycle had already ended' : ''}; restart + idle ${s.restartSeconds} s; interrupted executions: ${s.interrupted.map((e) => `${e.workflowId}#${e.id} ${e.status}`).join(', ') || 'none'}`,
		`${s.roundsAfterRestart} rounds after the restart, ${s.quiet ? 'the last one quiet (no writes, no failures)' : 'NOT quiet at the end'}`,
		...checkerLines({ counts: s.checker, findings: [] }),
	].join('\n');
}

// Summaries of soak and kill runs: one block of text lines a person reads, the same as JSON, both
// written to test/reliability/results/ (git-ignored: these are run outputs).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { meetsTargets, type CheckReport, type Finding } from './checker';

export const RESULTS_DIR = path.join(__dirname, 'results');

/** The checker's counts as summary lines (shared by soak and kill runs). */
export function checkerLines(report: CheckReport): string[] {
	const c = report.counts;
	const targets = meetsTargets(report);
	const dead =
		c.deadLettered === 0
			? 'dead-lettered 0 (every dead-lettered record explained)'
			: c.deadLettered === c.deadLetteredExplained
				? `dead-lettered ${c.deadLettered} (every dead-lettered record explained)`
				: `dead-lettered ${c.deadLettered} (${c.deadLettered - c.deadLetteredExplained} NOT explained)`;
	return [
		`records checked ${c.recordsChecked} (pairs ${c.pairs}) · users with e-mail ${c.usersWithEmail}, matched in ForceManager ${c.usersMatched}`,
		`duplicates ${c.duplicates} · lost updates ${c.lostUpdates} · mismatches ${c.mismatches} · orphans ${c.orphans} · rule violations ${c.ruleViolations} · same-field conflicts ${c.conflicts} (Sage wins)`,
		dead,
		targets.ok ? 'targets met' : `TARGETS MISSED: ${targets.failed.join(', ')}`,
	];
}

/** The first findings of each failing kind, for the text summary (the JSON has all of them). */
export function findingLines(findings: readonly Finding[], perKind = 8): string[] {
	const out: string[] = [];
	for (const kind of ['duplicate', 'lostUpdate', 'mismatch', 'orphan', 'violation', 'deadLetter', 'conflict'] as const) {
		const of = findings.filter((f) => f.kind === kind);
		if (of.length === 0) continue;
		out.push(`${kind} (${of.length}):`);
		for (const f of of.slice(0, perKind)) out.push(`  ${f.rule ? `[${f.rule}] ` : ''}${f.entity} ${f.key}: ${f.detail}`);
		if (of.length > perKind) out.push(`  … ${of.length - perKind} more in the JSON`);
	}
	return out;
}

/** Writes `<base>.json` and `<base>.txt`; returns their paths. */
export function writeResult(base: string, json: unknown, text: string, dir = RESULTS_DIR): { json: string; text: string } {
	fs.mkdirSync(dir, { recursive: true });
	const files = { json: path.join(dir, `${base}.json`), text: path.join(dir, `${base}.txt`) };
	fs.writeFileSync(files.json, `${JSON.stringify(json, null, 2)}\n`);
	fs.writeFileSync(files.text, `${text}\n`);
	return files;
}

export const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

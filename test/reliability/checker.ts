// The independent checker: judges the final state of both systems under the sync rules (A1…U2,
// architecture §4, §7) and the people's edit log, with its own field correspondence
// (correspondence.ts). It imports nothing from `nodes/`. A record can appear under several
// counts (a lost update usually also leaves a mismatch).
//
// - duplicates: two live ForceManager records with one extId; two live records on the other side
//   carrying the token of one record a person created (two Sage customers for one FM account …).
// - mismatches: a pair (Sage record ⇄ FM record with its key as extId) whose mapped fields differ,
//   or an FM-born record Sage created but whose key never came back (write-back missing).
// - orphans: a record that must have a counterpart and has none (Sage record not in FM; FM-born
//   account/contact/quotation not in Sage though nothing it depends on is missing or deleted).
// - lost updates: per record and field, the value the edits decide (later edit wins; an edit made
//   while the other side's edit of the same field had not reached the person's side is a same-field
//   conflict, which Sage wins) is not what both sides hold. Counted on pairs only (an unpaired
//   record is an orphan) and not for records a person deleted.
// - rule violations: A3 (Sage-owned account not read-only), A5/C2 (a Sage record deleted that no
//   person deleted in Sage), A6/C2/P4 (deleted in Sage, live in FM), C3 (FM contact of a
//   delivery/registered address), P1/O2 (Sage-owned product/document not read-only), P2 (stock figure
//   for a non-stock or service item), U2 (account without sales rep; a person's rep overwritten).
// - dead letters: each must have a reason; a dead-lettered record is not also an orphan or a lost update.
import type { IDataObject } from 'n8n-workflow';

import { FIELDS, FM_TO_SAGE, PAIRS, canonical, fmContactName, idOf, text, type CanonContext, type PairEntity, type PairSpec, type Row } from './correspondence';
import { deadLetterId, type DeadLetter } from './deadLetters';
import type { Edit } from './editLog';
import { isLiveFm, isLiveSage, type SystemsState } from './state';

export type FindingKind = 'duplicate' | 'lostUpdate' | 'mismatch' | 'orphan' | 'violation' | 'conflict' | 'deadLetter';

export interface Finding {
	kind: FindingKind;
	entity: string;
	/** The record: its Sage key / FM extId, or `fm#<id>` for an FM record without one. */
	key: string;
	detail: string;
	rule?: string;
}

export interface CheckCounts {
	recordsChecked: number;
	pairs: number;
	duplicates: number;
	lostUpdates: number;
	mismatches: number;
	orphans: number;
	ruleViolations: number;
	/** Same-field edits on both sides decided for Sage (policy), for information. */
	conflicts: number;
	deadLettered: number;
	deadLetteredExplained: number;
	/** U1: active Sage users with an e-mail, and how many of them match an FM user by e-mail. */
	usersWithEmail: number;
	usersMatched: number;
}

export interface CheckReport {
	counts: CheckCounts;
	findings: Finding[];
}

export interface CheckInput {
	state: SystemsState;
	log?: readonly Edit[];
	deadLetters?: readonly DeadLetter[];
}

/** The targets every soak and kill run must meet. */
export function meetsTargets(report: CheckReport): { ok: boolean; failed: string[] } {
	const c = report.counts;
	const failed = [
		c.duplicates > 0 && `${c.duplicates} duplicates`,
		c.lostUpdates > 0 && `${c.lostUpdates} lost updates`,
		c.mismatches > 0 && `${c.mismatches} mismatches`,
		c.orphans > 0 && `${c.orphans} orphans`,
		c.ruleViolations > 0 && `${c.ruleViolations} rule violations`,
		c.deadLettered > c.deadLetteredExplained && `${c.deadLettered - c.deadLetteredExplained} dead letters without a reason`,
	].filter((x): x is string => typeof x === 'string');
	return { ok: failed.length === 0, failed };
}

const group = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
	const out = new Map<string, T[]>();
	for (const r of rows) {
		const k = key(r);
		if (k === '') continue;
		out.set(k, [...(out.get(k) ?? []), r]);
	}
	return out;
};

/** A person's token, as a word: `s7n12` matches in "Patel-s7n12", not in "Patel-s7n123". */
const carries = (value: unknown, token: string): boolean => new RegExp(`(^|[^A-Za-z0-9])${token}($|[^A-Za-z0-9])`).test(text(value));

/** Where a record created by a person carries its token, per side. */
const TOKEN_FIELD: Partial<Record<PairEntity, { sage: (r: Row) => string; fm: (r: Row) => string }>> = {
	account: { sage: (r) => text(r.NAME), fm: (r) => text(r.name) },
	contact: { sage: (r) => text(r.CONTACT_NAME), fm: fmContactName },
	order: { sage: (r) => text(r.CUST_ORDER_NUMBER), fm: (r) => text(r.reference) },
};

const DELETION_RULE: Record<PairEntity, string> = { account: 'A6', contact: 'C2', product: 'P4', order: 'O2', sale: 'O2' };
const SAGE_NEVER_DELETES_RULE: Partial<Record<PairEntity, string>> = { account: 'A5', contact: 'C2', product: 'P4', order: 'O1', sale: 'O2' };

function context(state: SystemsState): CanonContext {
	const byId = (rows: IDataObject[]) => new Map(rows.map((r) => [String(r.id), r]));
	const accounts = byId(state.fm.accounts);
	const products = byId(state.fm.products);
	const fmLines = group(state.fm.salesordersLines.filter(isLiveFm), (l) => String(idOf(l.salesorderId) ?? ''));
	const sageLines = group(state.sage.SOP_ITEM, (l) => String(l.ORDER_NUMBER ?? ''));
	return {
		fmAccountExtId: (id) => text(accounts.get(String(idOf(id)))?.extId),
		fmProductExtId: (id) => text(products.get(String(idOf(id)))?.extId),
		fmLines: (orderId) => fmLines.get(String(orderId)) ?? [],
		sageLines: (n) => sageLines.get(String(n)) ?? [],
	};
}

/** The FM id in a bridge external reference (`forceManager:account:17` → 17). */
const fmIdOfRef = (ref: unknown): string | undefined => /^forceManager:[^:]+:(\d+)$/.exec(text(ref))?.[1];

export function check(input: CheckInput): CheckReport {
	const { state } = input;
	const log = input.log ?? [];
	const findings: Finding[] = [];
	const add = (f: Finding) => findings.push(f);
	const ctx = context(state);
	const counts = { recordsChecked: 0, pairs: 0 };

	const dead = new Map((input.deadLetters ?? []).map((d) => [deadLetterId(d.entity, d.key), d]));
	for (const d of input.deadLetters ?? []) {
		if (!text(d.reason)) add({ kind: 'deadLetter', entity: d.entity, key: d.key, detail: 'dead-lettered without a reason' });
	}
	const isDead = (entity: PairEntity, ...keys: string[]) => keys.some((k) => k !== '' && dead.has(deadLetterId(entity, k)));

	const personDeleted = (side: 'sage' | 'fm', entity: string, record: string) =>
		log.some((e) => e.op === 'delete' && e.side === side && e.entity === entity && e.record === record);
	const createdBy = (side: 'sage' | 'fm', entity: string, record: string) =>
		log.find((e) => e.op === 'create' && e.side === side && e.entity === entity && e.record === record);

	/** Pair id → the live pair, for the lost-update pass. */
	const pairs = new Map<string, { spec: PairSpec; sage: Row; fm: Row }>();
	/** FM id → pair id, per entity (resolves FM-side edits). */
	const pairOfFmId = new Map<string, string>();

	for (const spec of PAIRS) {
		const fmRows = state.fm[spec.fmEntity];
		const fmLive = fmRows.filter(isLiveFm);
		const liveByExt = group(fmLive, (r) => text(r.extId));
		const allByExt = group(fmRows, (r) => text(r.extId));
		const sageRows = state.sage[spec.sageTable];
		const refs = state.sage.BRIDGE_EXTERNAL_REFS.filter((r) => r.ENTITY === spec.refEntity);
		/** FM id → the Sage record key the bridge created for it. */
		const sageKeyOfFmId = new Map(refs.map((r) => [fmIdOfRef(r.EXTERNAL_REF) ?? '', String(r.RECORD_KEY)]));
		const sageRowByRefKey = new Map(sageRows.map((r) => [spec.refKey ? spec.refKey(r) : spec.key(r), r]));
		const fmBornKeys = new Set(refs.map((r) => String(r.RECORD_KEY)));
		const label = `${spec.sageTable} ⇄ ${spec.fmEntity}`;

		for (const [ext, rows] of liveByExt) {
			if (rows.length > 1) {
				add({ kind: 'duplicate', entity: spec.entity, key: ext, detail: `${rows.length} live ForceManager ${spec.fmEntity} with extId ${ext} (ids ${rows.map((r) => r.id).join(', ')})` });
			}
		}

		const synced = sageRows.filter(spec.synced);
		const sageKeys = new Set(synced.map(spec.key));
		for (const row of synced) {
			counts.recordsChecked++;
			const key = spec.key(row);
			const twin = liveByExt.get(key)?.[0];
			if (!isLiveSage(row)) {
				if (twin) add({ kind: 'violation', rule: DELETION_RULE[spec.entity], entity: spec.entity, key, detail: `deleted in Sage but ForceManager ${spec.fmEntity} ${String(twin.id)} is live` });
				// A customer deleted in Sage takes its addresses with it.
				const deletedInSage = personDeleted('sage', spec.entity, key) || (spec.entity === 'contact' && personDeleted('sage', 'account', text(row.ACCOUNT_REF)));
				if (!deletedInSage && SAGE_NEVER_DELETES_RULE[spec.entity]) {
					add({ kind: 'violation', rule: SAGE_NEVER_DELETES_RULE[spec.entity], entity: spec.entity, key, detail: `deleted in Sage (${spec.sageTable}) though no person deleted it there: the sync never deletes Sage records` });
				}
				continue;
			}
			if (twin) {
				counts.pairs++;
				const pairId = `${spec.entity}:${key}`;
				pairs.set(pairId, { spec, sage: row, fm: twin });
				pairOfFmId.set(`${spec.entity}:${String(twin.id)}`, pairId);
				comparePair(spec, row, twin, ctx, add);
				ruleChecks(spec, row, twin, fmBornKeys.has(spec.refKey ? spec.refKey(row) : key), log, add);
				continue;
			}
			const deletedInFm = (allByExt.get(key) ?? []).some((r) => !isLiveFm(r) && personDeleted('fm', spec.entity, String(r.id)));
			if (deletedInFm) continue; // A5/C2: a ForceManager deletion stays there, Sage keeps the record
			const sourceId = [...sageKeyOfFmId].find(([, k]) => k === (spec.refKey ? spec.refKey(row) : key))?.[0];
			const bornIn = sourceId !== undefined ? fmRows.find((r) => String(r.id) === sourceId) : undefined;
			if (bornIn && !isLiveFm(bornIn)) continue; // created from an FM record a person has since deleted
			if (isDead(spec.entity, key, sourceId ?? '')) continue;
			if (bornIn) {
				counts.pairs++;
				const pairId = `${spec.entity}:${key}`;
				pairs.set(pairId, { spec, sage: row, fm: bornIn });
				pairOfFmId.set(`${spec.entity}:${String(bornIn.id)}`, pairId);
				add({ kind: 'mismatch', entity: spec.entity, key, detail: `Sage created ${key} for ForceManager ${spec.fmEntity} ${String(bornIn.id)}, whose extId is "${text(bornIn.extId)}" (key never written back)` });
				continue;
			}
			add({ kind: 'orphan', entity: spec.entity, key, detail: `Sage ${spec.sageTable} ${key} has no live ForceManager ${spec.fmEntity} with extId ${key} (${label})` });
		}

		for (const fm of fmLive) {
			const ext = text(fm.extId);
			if (ext !== '' && sageKeys.has(ext)) continue;
			if (pairOfFmId.has(`${spec.entity}:${String(fm.id)}`)) continue;
			if (ext !== '') {
				counts.recordsChecked++;
				const other = sageRows.find((r) => spec.key(r) === ext);
				if (other) add({ kind: 'violation', rule: spec.entity === 'contact' ? 'C3' : 'O2', entity: spec.entity, key: ext, detail: `ForceManager ${spec.fmEntity} ${String(fm.id)} is Sage ${spec.sageTable} ${ext}, which is not synced (ADDRESS_TYPE ${String(other.ADDRESS_TYPE ?? '?')})` });
				else add({ kind: 'orphan', entity: spec.entity, key: ext, detail: `ForceManager ${spec.fmEntity} ${String(fm.id)} has extId ${ext}, which no Sage ${spec.sageTable} record has` });
				continue;
			}
			const born = fmBornExpectation(spec, fm, state, ctx);
			if (born === undefined) continue;
			counts.recordsChecked++;
			const sageKey = sageKeyOfFmId.get(String(fm.id));
			if (sageKey !== undefined && sageRowByRefKey.get(sageKey)) continue; // reported above (write-back missing)
			if (isDead(spec.entity, String(fm.id))) continue;
			const invalid = createdBy('fm', spec.entity, String(fm.id))?.invalid;
			const hint = invalid ? `invalid on purpose (${invalid}): expected in the dead-letter list` : born.hint;
			add({
				kind: 'orphan',
				entity: spec.entity,
				key: `fm#${String(fm.id)}`,
				detail: `ForceManager ${spec.fmEntity} ${String(fm.id)} "${born.label}" never reached Sage (no extId, no Sage record created for it)${hint ? ` — ${hint}` : ''}`,
			});
		}
	}

	duplicateTokens(state, log, add);
	lostUpdates(state, log, pairs, pairOfFmId, ctx, isDead, add);

	const fmEmails = new Set(state.fm.users.filter(isLiveFm).map((u) => text(u.email).toLowerCase()).filter(Boolean));
	const sageUsers = state.sage.USERS.filter((u) => isLiveSage(u) && Number(u.INACTIVE_FLAG ?? 0) !== 1 && text(u.E_MAIL) !== '');
	const count = (kind: FindingKind) => findings.filter((f) => f.kind === kind).length;
	return {
		counts: {
			...counts,
			duplicates: count('duplicate'),
			lostUpdates: count('lostUpdate'),
			mismatches: count('mismatch'),
			orphans: count('orphan'),
			ruleViolations: count('violation'),
			conflicts: count('conflict'),
			deadLettered: input.deadLetters?.length ?? 0,
			deadLetteredExplained: (input.deadLetters ?? []).filter((d) => text(d.reason) !== '').length,
			usersWithEmail: sageUsers.length,
			usersMatched: sageUsers.filter((u) => fmEmails.has(text(u.E_MAIL).toLowerCase())).length,
		},
		findings,
	};
}

function comparePair(spec: PairSpec, sage: Row, fm: Row, ctx: CanonContext, add: (f: Finding) => void): void {
	const diffs: string[] = [];
	for (const f of FIELDS[spec.entity]) {
		const s = f.sage(sage, ctx);
		const v = f.fm(fm, ctx);
		if (f.same ? !f.same(s, v) : s !== v) diffs.push(`${f.field} (${f.label}): Sage "${s}" ≠ ForceManager "${v}"${f.rule ? ` [${f.rule}]` : ''}`);
	}
	if (diffs.length > 0) add({ kind: 'mismatch', entity: spec.entity, key: spec.key(sage), detail: diffs.join('; ') });
}

function ruleChecks(spec: PairSpec, sage: Row, fm: Row, fmBorn: boolean, log: readonly Edit[], add: (f: Finding) => void): void {
	const key = spec.key(sage);
	const violation = (rule: string, detail: string) => add({ kind: 'violation', rule, entity: spec.entity, key, detail });
	const rep = text(idOf(fm.salesRepId1));
	switch (spec.entity) {
		case 'account': {
			if (fm.readOnly !== true) violation('A3', `ForceManager account ${String(fm.id)} is Sage-owned (extId ${key}) but not read-only`);
			const personRep = log.find((e) => e.side === 'fm' && e.entity === 'account' && e.op === 'create' && e.record === String(fm.id))?.body?.salesRepId1;
			if (personRep !== undefined && rep !== String(personRep)) violation('U2', `the sales rep a person set (${String(personRep)}) was overwritten with ${rep || 'nothing'}`);
			else if (rep === '' || rep === '-1') violation('U2', `ForceManager account ${String(fm.id)} has no sales rep (the admin fills an empty one)`);
			break;
		}
		case 'product':
			if (fm.readOnly !== true) violation('P1', `ForceManager product ${String(fm.id)} comes from Sage but is not read-only`);
			if (Number(sage.ITEM_TYPE ?? 0) !== 0 && fm.stock !== null && fm.stock !== undefined) {
				violation('P2', `ITEM_TYPE ${String(sage.ITEM_TYPE)} (no stock) but ForceManager shows stock ${String(fm.stock)}`);
			}
			break;
		case 'order':
			if (!fmBorn && fm.readOnly !== true) violation('O2', `ForceManager sales order ${String(fm.id)} comes from Sage but is not read-only`);
			break;
		default:
			break;
	}
}

/**
 * What an FM record without a Sage key must become in Sage (its label, and a hint at why it may
 * be stuck), or undefined when nothing is expected (a one-way entity, a dependency a person
 * deleted, an order without lines).
 */
function fmBornExpectation(spec: PairSpec, fm: Row, state: SystemsState, ctx: CanonContext): { label: string; hint?: string } | undefined {
	const account = state.fm.accounts.find((a) => String(a.id) === String(idOf(fm.accountId)));
	const accountHint = () =>
		account && text(account.extId) === '' ? `waits for its account ForceManager ${String(account.id)} "${text(account.name)}", which has no Sage reference` : undefined;
	switch (spec.entity) {
		case 'account':
			return { label: text(fm.name) };
		case 'contact':
			return account && isLiveFm(account) ? { label: fmContactName(fm), hint: accountHint() } : undefined;
		case 'order': {
			const lines = ctx.fmLines(fm.id);
			const products = lines.map((l) => state.fm.products.find((p) => String(p.id) === String(idOf(l.productId))));
			if (fm.readOnly === true || lines.length === 0 || !account || !isLiveFm(account)) return undefined;
			if (products.some((p) => !p || !isLiveFm(p) || text(p.extId) === '')) return undefined;
			const customer = state.sage.SALES_LEDGER.find((c) => text(c.ACCOUNT_REF) === text(account.extId));
			const refused = customer && (Number(customer.ACCOUNT_ON_HOLD) === 1 || Number(customer.INACTIVE_FLAG) === 1);
			return {
				label: text(fm.reference),
				hint: refused
					? `Sage refuses documents for customer ${text(customer.ACCOUNT_REF)} (${Number(customer.ACCOUNT_ON_HOLD) === 1 ? 'on hold' : 'inactive'}): expected in the dead-letter list`
					: accountHint(),
			};
		}
		default:
			return undefined; // P1, O2: products and sales never go to Sage
	}
}

/** Two live records on the other side carrying the token of one record a person created. */
function duplicateTokens(state: SystemsState, log: readonly Edit[], add: (f: Finding) => void): void {
	for (const e of log) {
		if (e.op !== 'create' || !e.token || !(e.entity in TOKEN_FIELD)) continue;
		const entity = e.entity as PairEntity;
		const spec = PAIRS.find((p) => p.entity === entity)!;
		const token = e.token;
		const tf = TOKEN_FIELD[entity]!;
		const copies =
			e.side === 'fm'
				? state.sage[spec.sageTable].filter((r) => isLiveSage(r) && spec.synced(r) && carries(tf.sage(r), token))
				: state.fm[spec.fmEntity].filter((r) => isLiveFm(r) && carries(tf.fm(r), token));
		const keys = e.side === 'fm' ? copies.map(spec.key) : copies.map((r) => String(r.id));
		// Two FM records with one extId are already reported as such.
		const distinctExt = new Set(e.side === 'fm' ? keys : copies.map((r) => text(r.extId) || `#${String(r.id)}`));
		if (copies.length > 1 && distinctExt.size > 1) {
			add({ kind: 'duplicate', entity, key: e.token, detail: `${e.side === 'fm' ? 'ForceManager' : 'Sage'} ${entity} ${e.record} (created by a person, ${e.token}) exists ${copies.length} times in ${e.side === 'fm' ? 'Sage' : 'ForceManager'}: ${keys.join(', ')}` });
		}
	}
}

function lostUpdates(
	state: SystemsState,
	log: readonly Edit[],
	pairs: Map<string, { spec: PairSpec; sage: Row; fm: Row }>,
	pairOfFmId: Map<string, string>,
	ctx: CanonContext,
	isDead: (entity: PairEntity, ...keys: string[]) => boolean,
	add: (f: Finding) => void,
): void {
	const orders = new Map(state.sage.SALES_ORDER.map((o) => [String(o.ORDER_NUMBER), o]));
	const pairIdOf = (e: Edit): string | undefined => {
		if (!(e.entity in FIELDS)) return undefined;
		if (e.side === 'fm') return pairOfFmId.get(`${e.entity}:${e.record}`);
		if (e.entity === 'order') {
			const o = orders.get(e.record);
			return o ? `order:${PAIRS.find((p) => p.entity === 'order')!.key(o)}` : undefined;
		}
		return e.entity === 'sale' ? `sale:INV:${e.record}` : `${e.entity}:${e.record}`;
	};
	const byPair = new Map<string, Edit[]>();
	for (const e of log) {
		const id = pairIdOf(e);
		if (id !== undefined) byPair.set(id, [...(byPair.get(id) ?? []), e]);
	}
	for (const [pairId, edits] of byPair) {
		const pair = pairs.get(pairId);
		if (!pair || edits.some((e) => e.op === 'delete')) continue;
		const { spec, sage, fm } = pair;
		if (isDead(spec.entity, spec.key(sage), String(fm.id))) continue;
		const sageNow = canonical(spec.entity, 'sage', sage, ctx);
		const fmNow = canonical(spec.entity, 'fm', fm, ctx);
		const carried = (e: Edit, field: string) => field in e.fields && (e.side === 'sage' || FM_TO_SAGE[spec.entity].includes(field));
		const fields = new Set(edits.flatMap((e) => Object.keys(e.fields).filter((f) => carried(e, f))));
		for (const field of fields) {
			const pairOfField = FIELDS[spec.entity].find((f) => f.field === field);
			const same = pairOfField?.same ?? ((a: string, b: string) => a === b);
			const decided = decide(edits.filter((e) => carried(e, field)), field);
			for (const c of decided.conflicts) {
				add({ kind: 'conflict', entity: spec.entity, key: spec.key(sage), detail: `${field}: Sage edit #${c.sage.seq} "${c.sage.fields[field]}" and ForceManager edit #${c.fm.seq} "${c.fm.fields[field]}" crossed (gap ${c.sage.gap}/${c.fm.gap}); Sage wins` });
			}
			const want = decided.winner.fields[field];
			const s = sageNow[field];
			const f = fmNow[field];
			if (s === want && same(want, f)) continue;
			const where = s === want ? 'only in Sage' : same(want, f) ? 'only in ForceManager' : 'on neither side';
			add({
				kind: 'lostUpdate',
				entity: spec.entity,
				key: spec.key(sage),
				detail: `${field}: ${decided.winner.side === 'sage' ? 'Sage' : 'ForceManager'} edit #${decided.winner.seq} (gap ${decided.winner.gap}) set "${want}", ${where}: Sage "${s}", ForceManager "${f}"`,
			});
		}
	}
}

/**
 * The edit whose value a field must end with: a later edit wins when its author had seen the
 * earlier one (same side, or the other side's value had reached theirs); otherwise the two crossed
 * (a same-field conflict) and Sage's wins.
 */
export function decide(edits: readonly Edit[], field: string): { winner: Edit; conflicts: Array<{ sage: Edit; fm: Edit }> } {
	let winner = edits[0];
	const conflicts: Array<{ sage: Edit; fm: Edit }> = [];
	for (const e of edits.slice(1)) {
		if (e.side === winner.side || e.op === 'create' || e.before?.[field] === winner.fields[field]) {
			winner = e;
			continue;
		}
		const [s, f] = e.side === 'sage' ? [e, winner] : [winner, e];
		conflicts.push({ sage: s, fm: f });
		winner = s;
	}
	return { winner, conflicts };
}

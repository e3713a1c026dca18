// The log of every edit a person made during a soak: which system, record, fields (canonical names
// of correspondence.ts, with the value the person set and the one they saw before), when (wall
// clock and the gap between two rounds of cycles), in order. The checker decides from it which
// value each field must end with on both sides.
import type { IDataObject } from 'n8n-workflow';

import type { PairEntity } from './correspondence';

export type Side = 'sage' | 'fm';
/** Paired entities, plus Sage records that stay in Sage (C3 delivery/registered addresses) and users (U1). */
export type EditEntity = PairEntity | 'address' | 'user';

export interface Edit {
	seq: number;
	/** Edits made after round `gap` of cycles (0 = before the first round). */
	gap: number;
	/** Wall-clock time of the edit (ISO). */
	at: string;
	side: Side;
	entity: EditEntity;
	op: 'create' | 'update' | 'delete';
	/**
	 * The record's key on that side: Sage ACCOUNT_REF, "ACCOUNT_REF/ADDRESS_REF", STOCK_CODE,
	 * ORDER_NUMBER, INVOICE_NUMBER, USER_NAME; ForceManager the record id.
	 */
	record: string;
	/** Canonical values this edit set (creates: every mapped field the record has). */
	fields: Record<string, string>;
	/** Canonical values of those fields on this side just before the edit (what the person saw). */
	before?: Record<string, string>;
	/** What was sent to the admin API (native field names). */
	body?: IDataObject;
	/** A word the record carries in its name/reference for good, so copies are found whatever their keys. */
	token?: string;
	/** The edit is invalid on purpose (e.g. a name longer than Sage allows): it must fail alone and be dead-lettered. */
	invalid?: string;
	/** One of two edits of one record on both sides in the same gap. */
	bothSides?: 'same-field' | 'different-fields';
}

export class EditLog {
	readonly entries: Edit[] = [];
	gap = 0;

	add(edit: Omit<Edit, 'seq' | 'gap' | 'at'>): Edit {
		const entry: Edit = { seq: this.entries.length + 1, gap: this.gap, at: new Date().toISOString(), ...edit };
		this.entries.push(entry);
		return entry;
	}

	/** Counts for the summary: by side, by op, same-record edits on both sides. */
	counts(): { total: number; sage: number; fm: number; creates: number; updates: number; deletes: number; bothSides: number; invalid: number } {
		const e = this.entries;
		return {
			total: e.length,
			sage: e.filter((x) => x.side === 'sage').length,
			fm: e.filter((x) => x.side === 'fm').length,
			creates: e.filter((x) => x.op === 'create').length,
			updates: e.filter((x) => x.op === 'update').length,
			deletes: e.filter((x) => x.op === 'delete').length,
			bothSides: Math.floor(e.filter((x) => x.bothSides).length / 2),
			invalid: e.filter((x) => x.invalid).length,
		};
	}
}

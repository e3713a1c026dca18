// Building blocks shared by the entity modules: value coercion in each direction, the rule-table
// evaluator, the source identity (`sync.source`) and the envelopes of non-upsert actions.
import { lookupId } from '../forcemanager/lookupFields';
import type { MappedRecord, SyncAction, SyncEntity, SyncSource, SyncSystem, SyncWriteBack } from '../sync/envelope';
import type { FieldMapEntry, FieldRule, MapperSettings, Rec, SourceItem, Target } from './types';

/** Text for ForceManager: the Sage string, or null when absent/empty (null clears the FM field). */
export function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const s = String(value);
	return s === '' ? null : s;
}

/** Text for Sage: the bridge's string columns take '' (not null) for "empty". */
export function sageText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value);
}

export function num(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

export function joinNonEmpty(parts: unknown[], separator: string): string {
	return parts
		.map((p) => (p === undefined || p === null ? '' : String(p).trim()))
		.filter((p) => p !== '')
		.join(separator);
}

/** Evaluates a rule table against a record; undefined values are left out. */
export function applyRules(rules: FieldRule[], record: Rec, settings: MapperSettings, item: SourceItem) {
	const out: Record<Target, Rec> = { fields: {}, createOnly: {}, fillIfEmpty: {} };
	for (const rule of rules) {
		const value = rule.value(record, settings, item);
		if (value !== undefined) out[rule.target ?? 'fields'][rule.field] = value;
	}
	return out;
}

export function fieldMapOf(rules: FieldRule[]): FieldMapEntry[] {
	return rules.map((r) => ({ field: r.field, from: r.from, target: r.target ?? 'fields', ...(r.rule ? { rule: r.rule } : {}) }));
}

/** Upsert envelope: empty createOnly / fillIfEmpty are left out so items stay small and stable. */
export function upsert(meta: Omit<MappedRecord['sync'], 'action'>, parts: Record<Target, Rec>, extra: Partial<MappedRecord> = {}): MappedRecord {
	const out: MappedRecord = { sync: { ...meta, action: 'upsert' }, fields: parts.fields };
	if (Object.keys(parts.createOnly).length) out.createOnly = parts.createOnly;
	if (Object.keys(parts.fillIfEmpty).length) out.fillIfEmpty = parts.fillIfEmpty;
	return { ...out, ...extra };
}

export function other(
	action: Exclude<SyncAction, 'upsert'>,
	meta: Omit<MappedRecord['sync'], 'action' | 'reason'>,
	reason?: string,
): MappedRecord {
	return { sync: { ...meta, action, ...(reason !== undefined ? { reason } : {}) }, fields: {} };
}

/** Sage: the trigger's UTC stamp, else RECORD_MODIFY_DATE as Sage wrote it (with its offset). */
export function sageSource(item: SourceItem, entity: string, id: string): SyncSource {
	const modified = item.record?.RECORD_MODIFY_DATE;
	const changedAt = item.changedAt ?? (typeof modified === 'string' && modified !== '' ? modified : null);
	return { system: 'sage50', entity, id, changedAt };
}

/** ForceManager: the change's own date (deletion, else last update, else creation), ISO UTC. */
export function fmSource(item: SourceItem, entity: string): SyncSource {
	const r = item.record ?? {};
	const pick = (...values: unknown[]) => values.find((v) => typeof v === 'string' && v !== '') as string | undefined;
	const changedAt =
		(item.event === 'deleted' ? pick(r.dateDeleted, r.dateUpdated, r.dateCreated) : pick(r.dateUpdated, r.dateCreated)) ??
		(typeof item.changedAt === 'string' ? item.changedAt : null);
	return { system: 'forceManager', entity, id: fmId(item), changedAt };
}

export function fmId(item: SourceItem): string {
	const id = item.record?.id ?? item.id;
	return id === undefined || id === null ? '' : String(id);
}

export function writeBack(resource: SyncWriteBack['resource'], item: SourceItem, fields: Rec = {}): SyncWriteBack {
	return { resource, id: Number(fmId(item)), fields };
}

export function quoted(name: unknown): string {
	const s = name === undefined || name === null ? '' : String(name).trim();
	return s === '' ? '' : ` "${s}"`;
}

/** The code a Mapper option (Countries, Currencies: code → ForceManager id) gives an id; undefined when none or not listed. */
export function codeOf(id: unknown, option: Record<string, number>): string | undefined {
	const n = lookupId(id);
	return n === undefined ? undefined : Object.keys(option).find((code) => option[code] === n);
}

/** "GB=1, IE=2": a Mapper option's pairs, for the messages that ask to extend it. */
export function pairsOf(option: Record<string, number>): string {
	return Object.entries(option).map(([code, id]) => `${code}=${id}`).join(', ');
}

/**
 * Why a ForceManager lookup (countryId, currencyId) has no code in a Mapper option, or undefined (none
 * set, or listed): a value never guessed, nor left out, but named with the pair to add.
 */
export function unlistedLookup(field: string, value: unknown, optionName: string, option: Record<string, number>, sageName: string): string | undefined {
	const id = lookupId(value);
	if (id === undefined || codeOf(id, option) !== undefined) return undefined;
	const label = (value as { value?: unknown } | null)?.value;
	return `${field} ${id}${quoted(label)} is not in the Mapper's ${optionName} option (${pairsOf(option)}): add <${sageName}>=${id} to it`;
}

/**
 * true when the user's Skip Fields or Field Overrides take a destination field over: the Mapper's own
 * value of it never reaches the record, so a value it cannot map must not fail the record either.
 */
export function userTakesOver(field: string, settings: MapperSettings): boolean {
	return settings.skipFields.some((f) => f.trim() === field) || settings.overrides.some((o) => String(o.field ?? '').trim() === field);
}

export const FM_DELETION_REASON = 'A5/C2: deletions in ForceManager never reach Sage';

export function systemOf(direction: MappedRecord['sync']['direction']): SyncSystem {
	return direction === 'sageToForceManager' ? 'sage50' : 'forceManager';
}

/**
 * Sync metadata of a ForceManager record bound for Sage: matched by its extId, '' while the
 * record is new to Sage (the Sage node then looks it up by external reference or creates it).
 */
export function fromForceManager(item: SourceItem, entity: SyncEntity, sourceEntity: string, noun: string, name: unknown) {
	const extId = item.record?.extId;
	return {
		entity,
		direction: 'forceManagerToSage' as const,
		key: typeof extId === 'string' ? extId.trim() : '',
		source: fmSource(item, sourceEntity),
		label: `ForceManager ${noun} ${fmId(item)}${quoted(name)}`,
	};
}

/**
 * The ForceManager id a Sage record was created from: the bridge's external reference
 * `forceManager:<entity>:<id>` (A4, C1, O1). The upsert matches it while the record's extId is not
 * written back yet, so a Sage → ForceManager run never creates the record a second time.
 */
export function forceManagerOrigin(record: Rec | null | undefined, sourceEntity: string): number | undefined {
	const ref = record?.EXTERNAL_REF;
	const m = typeof ref === 'string' ? /^forceManager:([A-Za-z]+):(\d+)$/.exec(ref) : null;
	return m && m[1] === sourceEntity ? Number(m[2]) : undefined;
}

/** `{originId}` for the sync metadata when the record was born in ForceManager, else nothing. */
export function originOf(record: Rec | null | undefined, sourceEntity: string): { originId?: number } {
	const id = forceManagerOrigin(record, sourceEntity);
	return id === undefined ? {} : { originId: id };
}

// One writer operation's SDO calls on the logged-on workspace: setting fields and properties,
// saving, and turning a failed call (false, or a thrown COM error) into a BridgeError through the
// engine's LastError, with the field and value being set when that is what failed.
import { BridgeError } from '../errors';
import { taxCodeId } from '../sage/odbcNames';
import type { SdoEngine, SdoFields, SdoWorkspace } from './com';
import { sdoError, type SdoContext } from './errors';

export type SdoValue = string | number | null;

/** Contract columns holding a tax code ("T1"), which SDO takes as an integer (sage50-notes §4.9). */
const TAX_CODE_FIELDS = new Set(['DEF_TAX_CODE', 'TAX_CODE', 'CARR_TAX_CODE', 'GLOBAL_TAX_CODE']);

/** A contract value as SDO takes it: tax codes as integers ("" is none: null). */
export function sdoValue(field: string, value: unknown): SdoValue {
	if (TAX_CODE_FIELDS.has(field) && typeof value === 'string') return value === '' ? null : taxCodeId(value);
	return value === undefined ? null : (value as SdoValue);
}

/** An SDO value as the contract spells it: integer tax codes as "T1". */
export function contractValue(field: string, value: unknown): SdoValue {
	if (TAX_CODE_FIELDS.has(field)) return value === null || value === undefined || value === '' ? '' : `T${Number(value)}`;
	return value === undefined ? null : (value as SdoValue);
}

export class SdoCall {
	/** Set once Update has been called: after that a lost logon leaves the outcome unknown. */
	saving = false;
	record: string | undefined;

	constructor(
		readonly engine: SdoEngine,
		readonly ws: SdoWorkspace,
		/** What the operation does, for messages: "creating a customer". */
		readonly doing: string,
		record?: string,
	) {
		this.record = record;
	}

	/** The BridgeError for the last failed SDO call (LastError), or for an error SDO did not number. */
	failure(extra: Partial<SdoContext> = {}, cause?: unknown): BridgeError {
		if (cause instanceof BridgeError) return cause;
		const { Code, Text } = this.engine.LastError;
		if (Code === 0 && cause !== undefined) {
			return new BridgeError('INTERNAL_ERROR', `SDO failed while ${this.doing}: ${(cause as Error).message ?? String(cause)}`, this.record === undefined ? {} : { record: this.record });
		}
		return sdoError(Code, Text, { doing: this.doing, record: this.record, ...extra });
	}

	/** A call that answers a boolean: false is a failure when LastError says so (Find's false may just mean "not there"). */
	found(answer: boolean): boolean {
		if (!answer && this.engine.LastError.Code !== 0) throw this.failure();
		return answer;
	}

	/** A call that must succeed (AddNew, Edit, Open, Read). */
	ok(answer: boolean): void {
		if (!answer) throw this.failure();
	}

	/** Sets fields by contract name; a value SDO refuses fails naming the field and the value. */
	setFields(fields: SdoFields, values: Readonly<Record<string, unknown>>): void {
		for (const [name, raw] of Object.entries(values)) {
			const value = sdoValue(name, raw);
			try {
				fields.Item(name).Value = value;
			} catch (error) {
				throw this.failure({ field: name, value }, error);
			}
		}
	}

	/** Sets typed properties of a business object (e.g. CustomerAddress) from contract columns. */
	setProperties<T extends object>(target: T, properties: Readonly<Record<string, keyof T>>, values: Readonly<Record<string, unknown>>): void {
		for (const [column, raw] of Object.entries(values)) {
			const property = properties[column];
			const value = sdoValue(column, raw);
			try {
				(target as Record<keyof T, unknown>)[property] = value;
			} catch (error) {
				throw this.failure({ field: column, value }, error);
			}
		}
	}

	/** Reads fields by contract name (tax codes as "T1"). */
	read(fields: SdoFields, names: readonly string[]): Record<string, SdoValue> {
		const out: Record<string, SdoValue> = {};
		for (const name of names) out[name] = contractValue(name, fields.Item(name).Value);
		return out;
	}

	/** Update(): saves the record or document; false fails with SDO's error. */
	save(target: { Update(): boolean }): void {
		this.saving = true;
		if (!target.Update()) throw this.failure();
	}
}

// SDO fields over the Sage-shaped tables: SDO's names (openapi.yaml's, odbcNames.ts maps them to the
// ODBC columns), SDO's types (tax codes are integers: 1 for the column's "T1", sage50-notes §4.9),
// lengths from the column declarations. A field set keeps the values a caller has set until Update.
import { ODBC_RENAMES, taxCodeFromId, taxCodeId } from '../../sage/odbcNames';
import { SAGE_TABLES } from '../../sage/testing/sageTables';
import type { CodePage } from '../../codePage';
import type { SdoField, SdoFields } from '../com';
import { SDO } from '../errors';
import { type Row, SdoFailure } from './company';

export type SdoValue = string | number | null;
type FieldType = 'text' | 'int' | 'number' | 'date' | 'stamp';

export interface FieldSpec {
	name: string;
	/** The ODBC column it is stored in; null for SDO-only inputs (CARR_TAX_CODE, TAX_FLAG). */
	column: string | null;
	type: FieldType;
	length: number;
	/** An integer tax code in SDO kept as "T<n>" text in the column. */
	taxCodeText?: boolean;
}

export interface FieldSetOptions {
	/** Columns holding "T1" that SDO shows as integers. */
	taxCodes?: string[];
	omit?: string[];
	/** Column → SDO name, beyond odbcNames.ts. */
	rename?: Record<string, string>;
	extra?: FieldSpec[];
}

function typeOf(declared: string): FieldType {
	if (declared === 'VARCHAR') return 'text';
	if (declared === 'DOUBLE') return 'number';
	if (declared === 'DATE') return 'date';
	if (declared === 'TIMESTAMP') return 'stamp';
	return 'int';
}

/** The SDO fields of a record over one Sage-shaped table. */
export function fieldSpecs(table: string, options: FieldSetOptions = {}): Map<string, FieldSpec> {
	const sdoName = new Map(Object.entries(ODBC_RENAMES[table] ?? {}).map(([sdo, column]) => [column, sdo]));
	for (const [column, sdo] of Object.entries(options.rename ?? {})) sdoName.set(column, sdo);
	const specs = new Map<string, FieldSpec>();
	for (const [column, declared, length] of SAGE_TABLES[table].cols) {
		if (options.omit?.includes(column)) continue;
		const taxCodeText = options.taxCodes?.includes(column) ?? false;
		const name = sdoName.get(column) ?? column;
		specs.set(name, { name, column, type: taxCodeText ? 'int' : typeOf(declared), length: taxCodeText ? 0 : (length ?? 0), taxCodeText });
	}
	for (const spec of options.extra ?? []) specs.set(spec.name, spec);
	return specs;
}

/** A stored column value as SDO shows it. */
export function fromColumn(spec: FieldSpec, value: unknown): SdoValue {
	if (value === undefined || value === null) return null;
	if (spec.taxCodeText) return taxCodeId(String(value));
	if (typeof value === 'bigint') return Number(value);
	return value as SdoValue;
}

/** A value set through SDO as the column stores it. */
export function toColumn(spec: FieldSpec, value: SdoValue): SdoValue {
	if (spec.taxCodeText) return value === null ? '' : taxCodeFromId(Number(value));
	return value;
}

/** A caller's value in the field's type (COM coerces a VARIANT the same way). */
function coerce(spec: FieldSpec, value: unknown): SdoValue {
	if (value === null || value === undefined) return null;
	switch (spec.type) {
		case 'text':
			return String(value);
		case 'int':
			return Math.trunc(Number(value));
		case 'number':
			return Number(value);
		case 'date':
			return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
		case 'stamp':
			throw new Error(`Field ${spec.name} is read-only`);
	}
}

/**
 * `Fields` of one record or document part: values read from `current` (a stored row, by column)
 * unless set since; `set` holds what the caller set, for Update.
 */
export class FakeFields implements SdoFields {
	readonly set = new Map<string, SdoValue>();
	current: Row | undefined;

	constructor(
		readonly specs: Map<string, FieldSpec>,
		private readonly onSet: (name: string) => void = () => {},
	) {}

	get Count(): number {
		return this.specs.size;
	}

	Item(name: string): SdoField {
		const spec = this.specs.get(name.toUpperCase());
		if (!spec) throw new Error(`SDO: field ${name} not found`);
		const fields = this;
		return {
			Name: spec.name,
			Length: spec.length,
			get Value(): SdoValue {
				return fields.set.has(spec.name) ? fields.set.get(spec.name)! : fields.stored(spec.name);
			},
			set Value(value: SdoValue) {
				fields.onSet(spec.name);
				fields.set.set(spec.name, coerce(spec, value));
			},
		};
	}

	/** The value Update saves for a field: the set one, else the stored one. */
	value(name: string): SdoValue {
		return this.Item(name).Value;
	}

	/** The stored value of a field, whatever was set since. */
	stored(name: string): SdoValue {
		const spec = this.specs.get(name)!;
		return spec.column === null || !this.current ? null : fromColumn(spec, this.current[spec.column]);
	}

	clear(): void {
		this.set.clear();
	}
}

/** Address lines, refused with SDO's own error when too long (83); other text with 18. */
const ADDRESS_LINE = /^(DEL_)?ADDRESS_\d$/;

/**
 * The columns a save writes for the fields a caller set: text as SDO stores it (characters the code
 * page lacks become "?"), lengths checked (83 for an address line, 18 for other text).
 */
export function setColumns(fields: FakeFields, codePage: CodePage): Row {
	const row: Row = {};
	for (const [name, raw] of fields.set) {
		const spec = fields.specs.get(name)!;
		if (spec.column === null) continue;
		let value = raw;
		if (spec.type === 'text' && typeof value === 'string') {
			value = codePage.lossy(value);
			if (spec.length > 0 && value.length > spec.length) {
				const code = ADDRESS_LINE.test(name) ? SDO.AddressLineIsTooLong : SDO.InvalidValue;
				throw new SdoFailure(code, `${name} is longer than ${spec.length} characters`);
			}
		}
		row[spec.column] = toColumn(spec, value);
	}
	return row;
}

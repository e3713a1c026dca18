// Fake `*Data` objects (low-level files read by record number): ControlData (the company's one
// control record; the writer reads the tax code rates T<n>_RATE from it, as Growflo's SDO code does)
// and CurrencyData (record n is currency n; on a real install it may be n + 1: sage50-notes §4.1 [I]).
// Only the tax codes the company's TAX_CODE table holds have fields here; a real Sage has T0–T99.
import type { SdoData, SdoFields } from '../com';
import { SDO } from '../errors';
import { type Row, SdoFailure } from './company';
import type { FakeWorkspace } from './engine';
import { FakeFields, type FieldSpec } from './fields';

abstract class FakeData implements SdoData {
	protected fields = new FakeFields(new Map());
	private opened = false;

	constructor(
		protected readonly ws: FakeWorkspace,
		private readonly object: string,
	) {}

	get Fields(): SdoFields {
		return this.fields;
	}

	Open(mode: number): boolean {
		void mode;
		return this.ws.ask(`${this.object}.Open`, () => (this.opened = true));
	}

	Read(recordNumber: number): boolean {
		return this.ws.ask(
			`${this.object}.Read`,
			() => {
				if (!this.opened) throw new SdoFailure(SDO.InvalidValue, `${this.object} is not open`);
				const record = this.record(recordNumber);
				if (!record) throw new SdoFailure(SDO.InvalidKey, `No record ${recordNumber}`);
				this.fields = new FakeFields(record.specs);
				this.fields.current = record.row;
				return true;
			},
		);
	}

	Count(): number {
		return this.ws.run(`${this.object}.Count`, () => this.count());
	}

	Close(): void {
		this.opened = false;
	}

	protected abstract record(n: number): { specs: Map<string, FieldSpec>; row: Row } | undefined;
	protected abstract count(): number;
}

export class FakeControlData extends FakeData {
	constructor(ws: FakeWorkspace) {
		super(ws, 'ControlData');
	}

	protected record(n: number) {
		if (n !== 1) return undefined;
		const specs = new Map<string, FieldSpec>();
		const row: Row = {};
		for (const t of this.ws.company.all('SELECT TAX_CODE_ID, DESCRIPTION, TAX_RATE FROM TAX_CODE')) {
			for (const [suffix, type, value] of [['RATE', 'number', t.TAX_RATE], ['DESCRIPTION', 'text', t.DESCRIPTION]] as const) {
				const name = `T${t.TAX_CODE_ID}_${suffix}`;
				specs.set(name, { name, column: name, type, length: type === 'text' ? 60 : 0 });
				row[name] = value;
			}
		}
		return { specs, row };
	}

	protected count(): number {
		return 1;
	}
}

const CURRENCY_FIELDS: [string, FieldSpec['type'], number][] = [
	['NUMBER', 'int', 0],
	['CODE', 'text', 3],
	['NAME', 'text', 30],
	['SYMBOL', 'text', 3],
	['RATE', 'number', 0],
];

export class FakeCurrencyData extends FakeData {
	constructor(ws: FakeWorkspace) {
		super(ws, 'CurrencyData');
	}

	protected record(n: number) {
		const row = this.ws.company.get('SELECT * FROM CURRENCY WHERE NUMBER = ?', n);
		if (!row) return undefined;
		return { specs: new Map(CURRENCY_FIELDS.map(([name, type, length]) => [name, { name, column: name, type, length }])), row };
	}

	protected count(): number {
		return Number(this.ws.company.get('SELECT COUNT(*) AS N FROM CURRENCY')!.N);
	}
}

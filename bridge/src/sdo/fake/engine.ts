// The fake SDOEngine → Workspaces → WorkSpace, and the binding that hands it to the writer.
// Every call goes through FakeWorkspace.call: it refuses calls without a live logon (91 once after
// Sage dropped it, then 16), records the call, and turns a failure into LastError plus `false`
// (methods that answer a boolean) or a thrown Error (the rest), as a COM call fails.
import type { SdoBinding, SdoCustomerAddress, SdoEngine, SdoLastError, SdoObjectName, SdoObjects, SdoWorkspace, SdoWorkspaces } from '../com';
import { SDO } from '../errors';
import { FakeCustomerAddress } from './customerAddress';
import { FakeControlData, FakeCurrencyData } from './data';
import { FakeSageCompany, SdoFailure } from './company';
import { FakeSalesRecord, FakeSopRecord, FakeStockRecord } from './records';
import { FakeSopPost } from './sopPost';

class FakeEngine implements SdoEngine {
	LastError: SdoLastError = { Code: 0, Text: '' };
	readonly Workspaces: SdoWorkspaces;

	constructor(company: FakeSageCompany) {
		this.Workspaces = { Add: (name: string) => new FakeWorkspace(company, this, name) };
	}
}

export class FakeWorkspace implements SdoWorkspace {
	private user: string | undefined;
	private epoch = -1;
	private kickNoticed = false;

	constructor(
		readonly company: FakeSageCompany,
		private readonly engine: FakeEngine,
		readonly name: string,
	) {}

	get Version(): string {
		return this.company.version;
	}

	/** Runs one SDO call: `false` answers failure with LastError set; `throw` raises it as COM does. */
	private call<T>(name: string, fn: () => T, onFailure: 'false' | 'throw', connected = true): T | false {
		this.company.calls.push(name);
		// Each call answers for itself: LastError says why this call failed, or 0 (assumed of SDO too).
		this.engine.LastError = { Code: 0, Text: '' };
		try {
			if (connected) this.assertConnected();
			return fn();
		} catch (error) {
			if (!(error instanceof SdoFailure)) throw error;
			this.engine.LastError = { Code: error.code, Text: error.message };
			if (onFailure === 'false') return false;
			throw new Error(`SDO error ${error.code}: ${error.message}`);
		}
	}

	/** A call that answers a boolean: false (LastError set) when it fails. */
	ask(name: string, fn: () => boolean, connected = true): boolean {
		return this.call(name, fn, 'false', connected) as boolean;
	}

	/** A call that answers a value: throws (LastError set) when it fails. */
	run<T>(name: string, fn: () => T): T {
		return this.call(name, fn, 'throw') as T;
	}

	private assertConnected(): void {
		if (this.user === undefined) throw new SdoFailure(SDO.NotConnected, 'Not connected');
		if (this.epoch === this.company.epoch) return;
		if (this.kickNoticed) throw new SdoFailure(SDO.NotConnected, 'Not connected');
		this.kickNoticed = true;
		throw new SdoFailure(SDO.ConnectionKickedOut, 'Your connection to the data has been terminated');
	}

	Connect(dataPath: string, user: string, password: string, unique: string): boolean {
		void unique;
		return this.ask(
			'WorkSpace.Connect',
			() => {
				this.company.logOn(dataPath, user, password);
				this.user = user.toUpperCase();
				this.epoch = this.company.epoch;
				this.kickNoticed = false;
				return true;
			},
			false,
		);
	}

	Disconnect(): void {
		this.company.calls.push('WorkSpace.Disconnect');
		if (this.user !== undefined && this.epoch === this.company.epoch) this.company.sessions.delete(this.user);
		this.user = undefined;
	}

	CreateObject<K extends SdoObjectName>(name: K): SdoObjects[K] {
		const make: { [N in SdoObjectName]: () => SdoObjects[N] } = {
			SalesRecord: () => new FakeSalesRecord(this),
			StockRecord: () => new FakeStockRecord(this),
			SopRecord: () => new FakeSopRecord(this),
			SopPost: () => new FakeSopPost(this),
			ControlData: () => new FakeControlData(this),
			CurrencyData: () => new FakeCurrencyData(this),
		};
		if (!make[name]) throw new Error(`SDO: CreateObject("${name}") is not an object the fake knows`);
		return this.run(`WorkSpace.CreateObject(${name})`, make[name]);
	}

	CreateCustomerAddress(): SdoCustomerAddress {
		return this.run('WorkSpace.CreateCustomerAddress', () => new FakeCustomerAddress(this));
	}
}

/** The fake as an SdoBinding: engines on one fake company (nothing to release: no COM). */
export function fakeSdoBinding(company: FakeSageCompany): SdoBinding {
	return {
		createEngine: () => new FakeEngine(company),
		scope: (fn) => fn(),
		release: () => {},
	};
}

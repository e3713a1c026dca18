// The real SDO on Windows, through the npm package winax (an optional dependency of the bridge, loaded
// only when this binding is used, so nothing else needs it). NOT RUN HERE: there is no COM on Linux,
// so this file stays a thin pass-through and all the logic lives in the writer, which the fake SDO
// exercises. What it adds to plain late-bound COM:
//   - one thread: winax calls COM synchronously on Node's main thread (an STA), and the writer runs
//     one operation at a time on its queue, so every SDO call happens on that one thread, in order;
//   - deterministic release (the samples' FinalReleaseComObject): objects a `scope` creates (records,
//     posts, addresses, data files) are released when it ends; `release` lets go of the workspace and
//     the engine. Field objects are left to winax's garbage collection, as .NET leaves RCWs.
// On the Sage PC: a Node.js of the same bitness as Sage/SDO (32-bit before v30), and winax built
// there: the repository never builds it (root package.json allowScripts "winax": false, so CI on Linux
// skips it); on the Sage PC `npm install-scripts approve winax` then `npm rebuild winax`.
import { BridgeError } from '../errors';
import type { SdoBinding, SdoEngine, SdoWorkspace } from './com';

interface Winax {
	Object: new (progId: string) => object;
	release(...objects: object[]): void;
}

function loadWinax(): Winax {
	if (process.platform !== 'win32') {
		throw new BridgeError('SAGE_UNAVAILABLE', 'Sage Data Objects (SDO) run on Windows only: start the bridge on the Sage PC, or set sage.sdo.enabled to false (read-only)');
	}
	try {
		return require('winax') as Winax;
	} catch (error) {
		throw new BridgeError('SAGE_UNAVAILABLE', `The npm package winax (COM for Node.js) is not installed or not built: run "npm install winax" in the bridge folder on the Sage PC (${(error as Error).message})`);
	}
}

/** An SdoBinding over the SDO engine registered as `progId` (e.g. SDOEngine.32). */
export function winaxBinding(progId: string, load: () => Winax = loadWinax): SdoBinding {
	let winax: Winax | undefined;
	let held: object[] = [];
	let scoped: object[] | undefined;
	const adopt = <T extends object>(o: T): T => {
		(scoped ?? held).push(o);
		return o;
	};
	const letGo = (objects: object[]) => {
		if (winax && objects.length > 0) winax.release(...objects.reverse());
	};

	const workspace = (ws: SdoWorkspace): SdoWorkspace => ({
		Connect: (path, user, password, unique) => ws.Connect(path, user, password, unique),
		Disconnect: () => ws.Disconnect(),
		get Version() {
			return ws.Version;
		},
		CreateObject: (name) => adopt(ws.CreateObject(name)),
		CreateCustomerAddress: () => adopt(ws.CreateCustomerAddress()),
	});

	return {
		createEngine(): SdoEngine {
			winax ??= load();
			let engine: SdoEngine;
			try {
				engine = adopt(new winax.Object(progId) as SdoEngine);
			} catch (error) {
				throw new BridgeError('SAGE_UNAVAILABLE', `SDO (${progId}) is not registered on this PC; check sage.sdo.progId against the Sage version (${(error as Error).message})`);
			}
			return {
				get LastError() {
					return engine.LastError;
				},
				Workspaces: { Add: (name) => workspace(adopt(engine.Workspaces.Add(name))) },
			};
		},
		scope<T>(fn: () => T): T {
			const outer = scoped;
			scoped = [];
			try {
				return fn();
			} finally {
				const mine = scoped;
				scoped = outer;
				letGo(mine);
			}
		},
		release(): void {
			const all = held;
			held = [];
			letGo(all);
		},
	};
}

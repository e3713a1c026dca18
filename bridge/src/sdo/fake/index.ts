// The fake SDO ready to write: a FakeSageCompany on a Sage-shaped company file and an SdoWriter logged
// on to it as the bridge's Sage user. For tests and for running the "sage" adapter where there is no
// Sage (Linux, CI, the local stack): the writes then land in the file the ODBC reads see.
import type { TextEncodingOptions } from '../../codePage';
import type { BridgeClock } from '../../time';
import { SdoWriter } from '../writer';
import { FakeSageCompany } from './company';
import { fakeSdoBinding } from './engine';

export const FAKE_ACCDATA = 'C:\\ProgramData\\Sage\\Accounts\\Company.000\\ACCDATA';
export const FAKE_SDO_USER = 'SYNC';

export function createFakeSdoWriter(options: { file: string; clock?: BridgeClock; textEncoding?: TextEncodingOptions; password?: string }): { writer: SdoWriter; sage: FakeSageCompany } {
	const password = options.password ?? 'sync';
	const sage = new FakeSageCompany({ file: options.file, dataPath: FAKE_ACCDATA, clock: options.clock, users: { MANAGER: '', [FAKE_SDO_USER]: password } });
	const writer = new SdoWriter({ sdo: { accdata: FAKE_ACCDATA, user: FAKE_SDO_USER, password }, binding: fakeSdoBinding(sage), textEncoding: options.textEncoding });
	return { writer, sage };
}

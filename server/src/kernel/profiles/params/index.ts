import type { ParamTable } from '../types.js';
import { identityParams } from './identity.js';
import { ledgerParams } from './ledger.js';

/** Every policy area's parameter table; a context adds its file here (one line each). */
export const PARAM_TABLES: ParamTable[] = [identityParams, ledgerParams];

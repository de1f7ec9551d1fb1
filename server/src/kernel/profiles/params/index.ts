import type { ParamTable } from '../types.js';
import { identityParams } from './identity.js';
import { ledgerParams } from './ledger.js';
import { retentionParams } from './retention.js';
import { sandboxParams } from './sandbox.js';
import { catalogParams } from './catalog.js';
import { authorizationParams } from './authorization.js';
import { personnelParams } from './personnel.js';
import { rightsParams } from './rights.js';
import { marketParams } from './market.js';
import { supervisionParams } from './supervision.js';
import { labsParams } from './labs.js';

/** Every policy area's parameter table; a context adds its file here (one line each). */
export const PARAM_TABLES: ParamTable[] = [
  identityParams,
  ledgerParams,
  retentionParams,
  catalogParams,
  authorizationParams,
  sandboxParams,
  personnelParams,
  marketParams,
  rightsParams,
  supervisionParams,
  labsParams,
];

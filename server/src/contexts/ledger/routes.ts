import { pageOf } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { logIdFor } from '../../kernel/ledger/append.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { buildEvidencePackage } from './usecases/evidence.js';
import {
  approveDestruction,
  getDestruction,
  listDestructions,
  placeLegalHold,
  releaseLegalHold,
  verifyDestruction,
} from './usecases/retention.js';
import * as m from './model.js';
import { presentCheckpoint } from './present.js';
import { checkpointRows } from './store.js';
import { objectEntries } from './usecases/object-entries.js';
import * as svc from './usecases/public-ledger.js';

const tags = ['ledger'];

/** ledger.md API. The first five are public with fixed shapes (issue 03); the rest need a login. */
export function ledgerRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/ledger/checkpoint',
    { schema: { tags, querystring: m.LogQuery, response: { 200: m.CheckpointNoteView } } },
    async (req, reply) => {
      const text = await svc.checkpointText(k, svc.resolveLog(req.query.log));
      reply.type('text/plain; charset=utf-8');
      return text;
    },
  );

  app.get(
    '/api/v1/ledger/public-key',
    { schema: { tags, querystring: m.LogQuery, response: { 200: m.PublicKeyView } } },
    async (req) => svc.publicKey(k, svc.resolveLog(req.query.log)),
  );

  app.get(
    '/api/v1/ledger/public-keys',
    { schema: { tags, querystring: m.LogQuery, response: { 200: m.PublicKeysView } } },
    async (req) => svc.publicKeys(k, svc.resolveLog(req.query.log)),
  );

  app.get(
    '/api/v1/ledger/entries/:seq',
    { schema: { tags, params: m.SeqParams, querystring: m.LogQuery, response: { 200: m.EntryView } } },
    async (req) => svc.entryBySeq(k, svc.resolveLog(req.query.log), req.params.seq),
  );

  app.get(
    '/api/v1/ledger/proofs/inclusion',
    { schema: { tags, querystring: m.InclusionQuery, response: { 200: m.InclusionView } } },
    async (req) => svc.inclusion(k, svc.resolveLog(req.query.log), req.query.seq, req.query.treeSize),
  );

  app.get(
    '/api/v1/ledger/proofs/consistency',
    { schema: { tags, querystring: m.ConsistencyQuery, response: { 200: m.ConsistencyView } } },
    async (req) => svc.consistency(k, svc.resolveLog(req.query.log), req.query.from, req.query.to),
  );

  app.get(
    '/api/v1/ledger/checkpoints',
    { schema: { tags, querystring: m.CheckpointsQuery, response: { 200: m.CheckpointListView } } },
    async (req) => {
      requireAuthenticated(req);
      const logId = logIdFor(k.ledger, svc.resolveLog(req.query.log));
      return { items: (await checkpointRows(k.db, logId, req.query.from ?? 0)).map(presentCheckpoint) };
    },
  );

  app.get(
    '/api/v1/ledger/objects/:type/:id/entries',
    { schema: { tags, params: m.ObjectParams, response: { 200: m.ObjectEntriesView } } },
    async (req) => objectEntries(k, requireAuthenticated(req), req.params.type, req.params.id),
  );

  // Retention desk: DestructionRecords visible to the authority/regulator of their jurisdiction or the owner org.
  defineObjectReader('DestructionRecord', getDestruction); // LED-13: its GET's rule
  app.get(
    '/api/v1/destruction-records',
    { schema: { tags, querystring: m.DestructionListQuery, response: { 200: pageOf(m.DestructionView) } } },
    async (req) => listDestructions(k, requireAuthenticated(req), req.query.state),
  );
  app.get(
    '/api/v1/destruction-records/:id',
    { schema: { tags, params: m.UuidParams, response: { 200: m.DestructionView } } },
    async (req) => getDestruction(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/destruction-records/:id/approvals',
    { schema: { tags, params: m.UuidParams, body: m.DestructionApprovalInput, response: { 200: m.DestructionView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      await approveDestruction(k, a, req.params.id, req.body.role);
      return getDestruction(k, a, req.params.id);
    },
  );
  // LED-17 / SBX-14: a second person checks for residue; the executor never verifies.
  app.post(
    '/api/v1/destruction-records/:id/verification',
    { schema: { tags, params: m.UuidParams, response: { 200: m.DestructionView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      await verifyDestruction(k, a, req.params.id);
      return getDestruction(k, a, req.params.id);
    },
  );

  // LED-18: the authority of the object's jurisdiction places and lifts legal holds.
  app.post(
    '/api/v1/legal-holds',
    { schema: { tags, body: m.LegalHoldInput, response: { 201: m.LegalHoldPlacedView } } },
    async (req, reply) => reply.status(201).send(await placeLegalHold(k, requireAuthenticated(req), req.body)),
  );
  app.post(
    '/api/v1/legal-holds/:id/release',
    { schema: { tags, params: m.UuidParams, body: m.LegalHoldRelease, response: { 200: m.LegalHoldReleasedView } } },
    async (req) => releaseLegalHold(k, requireAuthenticated(req), req.params.id, req.body.reason),
  );

  app.post(
    '/api/v1/evidence-packages',
    { schema: { tags, body: m.EvidenceInput, response: { 200: m.EvidencePackageView } } },
    async (req) => buildEvidencePackage(k, requireAuthenticated(req), req.body),
  );
}

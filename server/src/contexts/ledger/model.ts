import { z } from 'zod';

export const LogQuery = z.object({ log: z.string().max(64).optional() });
export const SeqParams = z.object({ seq: z.coerce.number().int().min(0) });
export const InclusionQuery = LogQuery.extend({
  seq: z.coerce.number().int().min(0),
  treeSize: z.coerce.number().int().min(1).optional(),
});
export const ConsistencyQuery = LogQuery.extend({
  from: z.coerce.number().int().min(0),
  to: z.coerce.number().int().min(0),
});
export const CheckpointsQuery = LogQuery.extend({ from: z.coerce.number().int().min(0).optional() });
export const ObjectParams = z.object({ type: z.string().min(1).max(64), id: z.string().min(1).max(128) });
export const EvidenceInput = z.object({
  objectType: z.string().min(1).max(64),
  objectId: z.string().min(1).max(128),
  purpose: z.string().max(500),
});

/** A retention object's id (DestructionRecord, LegalHold). */
export const UuidParams = z.object({ id: z.string().uuid() });
export const DestructionListQuery = z.object({
  state: z.enum(['proposed', 'approved', 'executed', 'verified', 'verification_failed']).optional(),
});
export const DestructionApprovalInput = z.object({ role: z.enum(['owner', 'authority', 'holder']) });

export const LegalHoldInput = z.object({
  objectType: z.string().min(1).max(64),
  objectId: z.string().min(1).max(128),
  reason: z.string().trim().min(2).max(500),
  sourceRef: z.string().max(200).optional(),
});
export const LegalHoldRelease = z.object({ reason: z.string().trim().min(2).max(500) });

export const PublicKeyView = z.object({
  keyName: z.string(),
  algorithm: z.enum(['sm2-sm3', 'ed25519']),
  publicKeyPem: z.string(),
});
/** Every checkpoint key of the deployment with the signed rollovers linking them (issue 21, decision 0102). */
export const PublicKeysView = z.object({
  keyName: z.string(),
  algorithm: z.literal('sm2-sm3'),
  keys: z.array(
    z.object({
      generation: z.number(),
      keyId: z.string(),
      publicKeyHex: z.string(),
      publicKeyPem: z.string(),
      state: z.enum(['active', 'retired']),
    }),
  ),
  keyChain: z.object({
    format: z.literal('shuyun-checkpoint-key-chain/1'),
    originalPublicKeyHex: z.string(),
    rollovers: z.array(
      z.object({
        statement: z.object({
          format: z.literal('shuyun-checkpoint-key-rollover/1'),
          alg: z.literal('sm2-sm3'),
          generation: z.number(),
          oldPublicKeyHex: z.string(),
          newPublicKeyHex: z.string(),
          lastCheckpoints: z.array(z.object({ logId: z.string(), treeSize: z.number(), rootHash: z.string() })),
          timeMs: z.number(),
        }),
        signature: z.string(),
        newKeySignature: z.string(),
      }),
    ),
  }),
});
export const EntryView = z.object({ seq: z.number(), leafHash: z.string(), leafData: z.string() });
export const InclusionView = z.object({
  seq: z.number(),
  treeSize: z.number(),
  leafHash: z.string(),
  hashes: z.array(z.string()),
});
export const ConsistencyView = z.object({ from: z.number(), to: z.number(), hashes: z.array(z.string()) });

/** `GET /ledger/checkpoint`: the latest signed note (C2SP), sent as text/plain. */
export const CheckpointNoteView = z.string().meta({ description: 'signed checkpoint note (text/plain, C2SP)' });

export const CheckpointView = z.object({
  treeSize: z.number(),
  rootHash: z.string(),
  timeMs: z.number(),
  note: z.string(),
  keyId: z.string(),
  prevTreeSize: z.number().nullable(),
});
export const CheckpointListView = z.object({ items: z.array(CheckpointView) });

/** One entry of an object's timeline: its header, never its payload (LED-03). */
export const ObjectEntryView = z.object({
  seq: z.number().nullable(),
  eventId: z.string(),
  leafHash: z.string(),
  eventType: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  occurredAt: z.string(),
  objectVersion: z.number(),
  actor: z.record(z.string(), z.unknown()),
  payloadState: z.string(),
  state: z.string(),
});
export const ObjectEntriesView = z.object({ items: z.array(ObjectEntryView) });

/** The recorded decision behind a mandated deletion or one of its approvals (decision 0061). */
export const DecisionRefView = z.object({
  eventId: z.string(),
  eventType: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  toState: z.string().nullable(),
  at: z.string(),
  actor: z.object({ userId: z.string().nullable(), orgId: z.string().nullable() }),
});
export const ApprovalView = z.object({
  orgId: z.string(),
  userId: z.string(),
  role: z.enum(['owner', 'authority', 'holder']),
  at: z.string(),
  basis: DecisionRefView.optional(),
});
export const DestructionVerificationView = z.object({
  checks: z.array(z.string()),
  result: z.string(),
  residue: z.number(),
  verifierId: z.string().nullable().optional(),
  at: z.string(),
});
/** A DestructionRecord (LED-16..LED-19) as the retention desk shows it. */
export const DestructionView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number(),
  method: z.string(),
  scope: z.object({ objectType: z.string(), objectIds: z.array(z.string()) }),
  dataDescription: z.string(),
  ownerOrgId: z.string().nullable(),
  jurisdictionId: z.string().nullable(),
  approvals: z.array(ApprovalView),
  deletedObjects: z.array(z.object({ path: z.string(), sm3: z.string() })),
  destroyedKeyIds: z.array(z.string()),
  erasedSeqs: z.array(z.number()),
  executedBy: z.string().nullable(),
  executedAt: z.string().nullable(),
  verification: DestructionVerificationView.nullable(),
  createdAt: z.string(),
  mandate: DecisionRefView.nullable(),
});

export const LegalHoldPlacedView = z.object({ id: z.string() });
export const LegalHoldReleasedView = z.object({ id: z.string(), active: z.literal(false) });

/** The evidence package (LED-10): one JSON document that tools/verify checks offline. */
export const EvidencePackageView = z.object({
  kind: z.string(),
  version: z.number(),
  files: z.record(z.string(), z.string()),
  manifest: z.object({
    packageNo: z.string(),
    builtAt: z.string(),
    logId: z.string(),
    hash: z.string(),
    objectRefs: z.array(z.object({ objectType: z.string(), objectId: z.string() })),
    checkpointTreeSize: z.number(),
    files: z.array(z.object({ path: z.string(), sm3: z.string() })),
  }),
  manifestSignature: z.string(),
});

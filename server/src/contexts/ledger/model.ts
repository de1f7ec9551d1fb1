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
export const EntryView = z.object({ seq: z.number(), leafHash: z.string(), leafData: z.string() });
export const InclusionView = z.object({
  seq: z.number(),
  treeSize: z.number(),
  leafHash: z.string(),
  hashes: z.array(z.string()),
});
export const ConsistencyView = z.object({ from: z.number(), to: z.number(), hashes: z.array(z.string()) });

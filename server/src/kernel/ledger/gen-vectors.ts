/**
 * Writes the golden vectors shared by the server tests and tools/verify
 * (`npx tsx server/src/kernel/ledger/gen-vectors.ts`). The RFC 6962 test leaves; proofs
 * for every (m, n) with n ≤ 8; a checkpoint signed with a fixed test-only SM2 key.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2PublicKeyPem } from '../crypto/sm2.js';
import { consistencyProof, hasherFor, inclusionProof, MemoryTree } from './merkle.js';
import { formatBody, signNote, sm2Signer } from './note.js';

export const RFC6962_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
/** Test-only key: never used outside vectors. */
export const VECTOR_SM2_KEY = {
  privateKeyHex: '93a8646a42b6b3ab3e421b2d1eef8b1140af3dc6c05c56c70f0183bb9f11b970',
  publicKeyHex:
    '045534c1ea8d5601b34aca7e766c957db5767870f615485471dd0e4766a8fb7c6db357900d389dbc2921202331933bb1d64bd5ab17d571f10da307f13a3b4a3518',
};

function build(name: 'sm3' | 'sha256') {
  const h = hasherFor(name);
  const t = new MemoryTree(h);
  const leafHashes = RFC6962_LEAVES.map((l) => h.leaf(Buffer.from(l, 'hex')));
  leafHashes.forEach((lh) => t.append(lh));
  const hex = (b: Buffer[]) => b.map((x) => x.toString('hex'));
  const inclusion: { seq: number; treeSize: number; leafHash: string; hashes: string[]; root: string }[] = [];
  const consistency: { from: number; to: number; hashes: string[]; fromRoot: string; toRoot: string }[] = [];
  for (let n = 1; n <= 8; n++) {
    for (let m = 0; m < n; m++)
      inclusion.push({
        seq: m,
        treeSize: n,
        leafHash: leafHashes[m]!.toString('hex'),
        hashes: hex(inclusionProof(h, t.read, m, n)),
        root: t.root(n).toString('hex'),
      });
    for (let m = 1; m <= n; m++)
      consistency.push({
        from: m,
        to: n,
        hashes: hex(consistencyProof(h, t.read, m, n)),
        fromRoot: t.root(m).toString('hex'),
        toRoot: t.root(n).toString('hex'),
      });
  }
  return {
    hash: name,
    emptyRoot: h.empty().toString('hex'),
    roots: Array.from({ length: 8 }, (_, i) => t.root(i + 1).toString('hex')),
    leafHashes: leafHashes.map((b) => b.toString('hex')),
    inclusion,
    consistency,
    t,
  };
}

if (process.argv[1]?.endsWith('gen-vectors.ts')) {
  const dir = join(process.cwd(), 'tools/verify/vectors');
  const sets = (['sha256', 'sm3'] as const).map(build);
  writeFileSync(
    join(dir, 'rfc6962.json'),
    JSON.stringify({ leaves: RFC6962_LEAVES, sets: sets.map(({ t: _t, ...s }) => s) }, null, 1) + '\n',
  );
  const sm3 = sets[1]!;
  const origin = 'ledger.luohu.example/main-sm3';
  const note = signNote(formatBody({ origin, treeSize: 8, rootHash: sm3.t.root(), timeMs: 1781056800000 }), [
    sm2Signer(origin, VECTOR_SM2_KEY.privateKeyHex, VECTOR_SM2_KEY.publicKeyHex),
  ]);
  writeFileSync(
    join(dir, 'checkpoint-sm2.json'),
    JSON.stringify(
      { checkpoint: note, publicKeyPem: sm2PublicKeyPem(VECTOR_SM2_KEY.publicKeyHex), keyName: origin },
      null,
      1,
    ) + '\n',
  );
  const inc = sm3.inclusion.find((p) => p.seq === 2 && p.treeSize === 8)!;
  writeFileSync(
    join(dir, 'inclusion-sm3-2-8.json'),
    JSON.stringify(
      {
        seq: 2,
        treeSize: 8,
        leafHash: inc.leafHash,
        hashes: inc.hashes,
        checkpoint: note,
        publicKeyPem: sm2PublicKeyPem(VECTOR_SM2_KEY.publicKeyHex),
        leafData: Buffer.from(RFC6962_LEAVES[2]!, 'hex').toString('base64'),
      },
      null,
      1,
    ) + '\n',
  );
  const cons = sm3.consistency.find((p) => p.from === 3 && p.to === 8)!;
  writeFileSync(
    join(dir, 'consistency-sm3-3-8.json'),
    JSON.stringify(
      { from: 3, to: 8, hashes: cons.hashes, fromRoot: cons.fromRoot, toRoot: cons.toRoot, hash: 'sm3' },
      null,
      1,
    ) + '\n',
  );
  console.log('vectors written');
}

import {
  BUNDLE_FORMAT,
  CHECKPOINTS_FILE,
  describeScope,
  isWithheld,
  JWKS_FILE,
  jwsKeyId,
  MANIFEST_FILE,
  README_FILE,
  SIGNATURE_FILE,
  verifyDetachedJws,
  type BundleManifest,
  type BundleStreamLine,
  type Jwks,
  type SignedCheckpoint,
} from '@pledgebook/audit-domain';
import { createHash } from 'node:crypto';
import { checkCheckpoints, type LinePointer } from './checkpoints-check';
import { parseLines, readBundle, text, type BundleFiles } from './read-bundle';
import { verifyStreamLines } from './stream-chain';

export interface VerifyOptions {
  /** Keys the auditor trusts (a JWKS or one JWK); without them the bundle's own jwks.json is used, and reported as self-asserted. */
  trustedKeys?: Jwks;
  /** A checkpoint the auditor already holds (from GET /api/v1/audit/checkpoints/latest). */
  heldCheckpoint?: SignedCheckpoint;
}

export interface VerifyReport {
  ok: boolean;
  /** Every problem found, the first broken event named first. */
  problems: string[];
  proves: string[];
  doesNotProve: string[];
  keySource: 'trusted' | 'self-asserted';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const KNOWN = new Set([MANIFEST_FILE, SIGNATURE_FILE, JWKS_FILE, README_FILE]);

function keysFrom(files: BundleFiles, options: VerifyOptions): { keys: Jwks; source: 'trusted' | 'self-asserted' } | undefined {
  if (options.trustedKeys) return { keys: options.trustedKeys, source: 'trusted' };
  const embedded = files.get(JWKS_FILE);
  if (!embedded) return undefined;
  try {
    return { keys: JSON.parse(text(embedded)) as Jwks, source: 'self-asserted' };
  } catch {
    return undefined;
  }
}

/** Checks an evidence bundle without the running system: signature, chains, manifest, checkpoints. */
export async function verifyBundle(zip: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const fail = (problem: string, keySource: VerifyReport['keySource'] = options.trustedKeys ? 'trusted' : 'self-asserted'): VerifyReport => ({ ok: false, problems: [problem], proves: [], doesNotProve: [], keySource });
  let files: BundleFiles;
  try {
    files = readBundle(zip);
  } catch {
    return fail('the file is not a zip archive');
  }
  const manifestBytes = files.get(MANIFEST_FILE);
  const jws = files.get(SIGNATURE_FILE);
  if (!manifestBytes || !jws) return fail(`${MANIFEST_FILE} or ${SIGNATURE_FILE} is missing`);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(text(manifestBytes)) as BundleManifest;
  } catch {
    return fail(`${MANIFEST_FILE} is not JSON`);
  }
  if (manifest.format !== BUNDLE_FORMAT) return fail(`${MANIFEST_FILE}: format ${String(manifest.format)} is not ${BUNDLE_FORMAT}`);
  const keys = keysFrom(files, options);
  if (!keys) return fail(`no key to check the signature with: pass --key, or the bundle's ${JWKS_FILE} is missing`);

  const problems: string[] = [];
  const signatureOk = (await verifyDetachedJws(text(jws), manifestBytes, keys.keys)) && jwsKeyId(text(jws)) === manifest.signer?.kid;
  if (!signatureOk) problems.push(`the manifest's signature does not verify with ${keys.source === 'trusted' ? 'the trusted key' : `the bundle's ${JWKS_FILE}`} (key ${manifest.signer?.kid}): the manifest was changed or signed by another key`);

  // Chains first, so an altered event is named before the digests that also catch it.
  const chainProblems: string[] = [];
  const digestProblems: string[] = [];
  const pointers: LinePointer[] = [];
  const carried: number[] = [];
  for (const entry of manifest.streams ?? []) {
    const bytes = files.get(entry.file);
    if (!bytes) {
      digestProblems.push(`${entry.file} (stream ${entry.stream}) is missing`);
      continue;
    }
    if (sha256(bytes) !== entry.sha256) digestProblems.push(`${entry.file} (stream ${entry.stream}) does not match the manifest's SHA-256`);
    const parsed = parseLines(bytes, entry.file);
    if (parsed.problem) {
      chainProblems.push(parsed.problem);
      continue;
    }
    const chain = verifyStreamLines(entry, parsed.lines);
    if (!chain.ok) chainProblems.push(chain.problem!);
    else if (chain.lastRevision !== entry.lastRevision || chain.lastHash !== entry.lastHash || chain.events !== entry.events || chain.withheld !== entry.withheld || parsed.lines.length !== entry.lines) {
      chainProblems.push(`stream ${entry.stream}: ends at revision ${chain.lastRevision} (${chain.lastHash.slice(0, 12)}…) with ${chain.events} events and ${chain.withheld} withheld; the manifest says revision ${entry.lastRevision} (${String(entry.lastHash).slice(0, 12)}…), ${entry.events} and ${entry.withheld}`);
    }
    if (!chain.ok) continue;
    for (const l of parsed.lines as BundleStreamLine[]) {
      pointers.push({ stream: l.stream, revision: l.revision, position: l.position, hash: l.hash, label: `stream ${l.stream}, revision ${l.revision}${isWithheld(l) ? ' (withheld)' : `, event ${l.id}, ${l.type}`}` });
      if (!isWithheld(l)) carried.push(l.position);
    }
  }
  for (const file of [manifest.checkpoints?.file ?? CHECKPOINTS_FILE, ...(manifest.segments ?? []).map((s) => s.file)]) {
    const listed = file === manifest.checkpoints?.file ? manifest.checkpoints : manifest.segments.find((s) => s.file === file);
    const bytes = files.get(file);
    if (!bytes || sha256(bytes) !== listed?.sha256) digestProblems.push(`${file} ${bytes ? 'does not match the manifest\'s SHA-256' : 'is missing'}`);
  }
  const listed = new Set([...(manifest.streams ?? []).map((s) => s.file), manifest.checkpoints?.file, ...(manifest.segments ?? []).map((s) => s.file)]);
  for (const name of files.keys()) if (!KNOWN.has(name) && !listed.has(name)) digestProblems.push(`${name} is in the bundle but not in the manifest`);
  carried.sort((a, b) => a - b);
  const positions = manifest.positions ?? { first: null, last: null, count: -1 };
  if (chainProblems.length === 0 && (positions.count !== carried.length || positions.first !== (carried[0] ?? null) || positions.last !== (carried[carried.length - 1] ?? null))) {
    digestProblems.push(`the manifest's positions (${positions.first}…${positions.last}, ${positions.count} events) are not those of the events carried (${carried[0] ?? '-'}…${carried[carried.length - 1] ?? '-'}, ${carried.length})`);
  }

  const cps = await checkCheckpoints(files, manifest, keys.keys, pointers, options.heldCheckpoint);
  problems.unshift(...chainProblems);
  problems.push(...digestProblems, ...cps.problems);
  const last = cps.bodies[cps.bodies.length - 1];
  const keyNote = keys.source === 'trusted' ? 'a key you supplied' : `the bundle's own ${JWKS_FILE} (self-asserted: pass --key with the system's published JWKS to trust it)`;
  return {
    ok: problems.length === 0,
    problems,
    keySource: keys.source,
    proves:
      problems.length > 0
        ? []
        : [
            `The manifest was signed by key ${manifest.signer.kid}, checked with ${keyNote}: ${describeScope(manifest.request.scope)}, asked by ${manifest.requestedBy.subject} (${manifest.requestedBy.bureauId}) at ${manifest.createdAt}${manifest.request.reason ? `, because: ${manifest.request.reason}` : ''}.`,
            `${carried.length} events in ${manifest.streams.length} streams are intact and in order: each stream's hash chain was recomputed from revision 0 to the head recorded in the manifest.`,
            `Every line of the bundle is in the global log as signed in checkpoints 1…${last?.seq ?? 0}; the log up to position ${manifest.headPosition} hashes to ${manifest.checkpoints.runningHash}.`,
            ...(cps.tiedTo ? [`The log up to position ${cps.tiedTo.toPosition} is the one in the checkpoint you hold (checkpoint ${cps.tiedTo.seq}, ${cps.tiedTo.createdAt}).`] : []),
          ],
    doesNotProve: [
      'What withheld events say: the bundle carries only their hashes and links.',
      'That the system filed under this subject every event that concerns it: the bundle is as complete as the audit index that chose its events.',
      `Anything recorded after position ${manifest.headPosition}.`,
      ...(keys.source === 'self-asserted' ? ['Who signed: the key came with the bundle. Check it against the JWKS the system publishes.'] : []),
      ...(cps.tiedTo ? [] : ['That the log is the one an earlier checkpoint showed: pass --checkpoint with a checkpoint you kept.']),
    ],
  };
}

import { checkpointChainProblem, checkpointSigningInput, jwsKeyId, segmentProblem, verifyDetachedJws, type BundleManifest, type CheckpointBody, type Jwks, type SegmentEntry, type SignedCheckpoint } from '@pledgebook/audit-domain';
import { parseLines, type BundleFiles } from './read-bundle';

export interface LinePointer {
  stream: string;
  revision: number;
  position: number;
  hash: string;
  label: string;
}

export interface CheckpointsResult {
  problems: string[];
  bodies: CheckpointBody[];
  /** Set when a held checkpoint was given and matches the bundle's. */
  tiedTo?: CheckpointBody;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The checkpoint whose segment holds a position (checkpoints sorted by position). */
function holder(bodies: readonly CheckpointBody[], position: number): CheckpointBody | undefined {
  let lo = 0;
  let hi = bodies.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = bodies[mid]!;
    if (position <= b.fromPosition) hi = mid - 1;
    else if (position > b.toPosition) lo = mid + 1;
    else return b;
  }
  return undefined;
}

/**
 * The global log: every checkpoint signed and following the one before; each segment the bundle
 * carries hashing to its checkpoint; every line of the bundle present in its segment with the
 * same hash (else history changed after the checkpoint); a held checkpoint equal to the bundle's.
 */
export async function checkCheckpoints(files: BundleFiles, manifest: BundleManifest, keys: Jwks, lines: readonly LinePointer[], held?: SignedCheckpoint): Promise<CheckpointsResult> {
  const problems: string[] = [];
  const raw = files.get(manifest.checkpoints.file);
  if (!raw) return { problems: [`${manifest.checkpoints.file} is missing`], bodies: [] };
  const parsed = parseLines(raw, manifest.checkpoints.file);
  if (parsed.problem) return { problems: [parsed.problem], bodies: [] };
  const signed = parsed.lines as SignedCheckpoint[];
  for (const c of signed) {
    if (!(await verifyDetachedJws(String(c?.jws), utf8(checkpointSigningInput(c.body)), keys)) || jwsKeyId(c.jws) !== c.body?.kid) {
      problems.push(`checkpoint ${c?.body?.seq}: its signature does not verify`);
      return { problems, bodies: [] };
    }
  }
  const bodies = signed.map((c) => c.body);
  const chain = checkpointChainProblem(bodies);
  if (chain) problems.push(chain);
  const last = bodies[bodies.length - 1];
  if ((last?.seq ?? 0) !== manifest.checkpoints.lastSeq || (last?.toPosition ?? 0) !== manifest.headPosition || (last?.runningHash ?? '') !== manifest.checkpoints.runningHash) {
    problems.push(`the manifest's last checkpoint (${manifest.checkpoints.lastSeq}, position ${manifest.headPosition}) is not the last one in ${manifest.checkpoints.file}`);
  }

  const segments = new Map<number, Map<number, string>>();
  for (const s of manifest.segments) {
    const body = bodies.find((b) => b.seq === s.seq);
    const bytes = files.get(s.file);
    if (!body || !bytes) {
      problems.push(`segment ${s.seq}: ${!body ? 'no such checkpoint' : `${s.file} is missing`}`);
      continue;
    }
    const entries = parseLines(bytes, s.file);
    const problem = entries.problem ?? segmentProblem(body, entries.lines as SegmentEntry[]);
    if (problem) problems.push(problem);
    else segments.set(s.seq, new Map((entries.lines as SegmentEntry[]).map(([p, h]) => [p, h])));
  }
  for (const line of lines) {
    const body = holder(bodies, line.position);
    if (!body) {
      problems.push(`${line.label}: position ${line.position} is not covered by any checkpoint in the bundle`);
      break;
    }
    const signedHash = segments.get(body.seq)?.get(line.position);
    if (signedHash === undefined) {
      problems.push(`${line.label}: checkpoint ${body.seq}'s segment does not list position ${line.position}`);
      break;
    }
    if (signedHash !== line.hash) {
      problems.push(`${line.label}: its hash differs from the one signed in checkpoint ${body.seq} (${body.createdAt}) — history was changed after that checkpoint`);
      break;
    }
  }

  let tiedTo: CheckpointBody | undefined;
  if (held) {
    const mine = bodies.find((b) => b.seq === held.body?.seq);
    if (!(await verifyDetachedJws(String(held.jws), utf8(checkpointSigningInput(held.body)), keys))) problems.push(`the held checkpoint ${held.body?.seq}: its signature does not verify with the keys used`);
    else if (!mine) problems.push(`the held checkpoint ${held.body.seq} (position ${held.body.toPosition}) is later than this bundle's last checkpoint (${last?.seq ?? 0}): it cannot be compared`);
    else if (mine.runningHash !== held.body.runningHash || mine.toPosition !== held.body.toPosition) problems.push(`the held checkpoint ${held.body.seq} differs from the bundle's checkpoint ${mine.seq}: the log up to position ${held.body.toPosition} is not the one you hold`);
    else tiedTo = mine;
  }
  return { problems, bodies, ...(tiedTo ? { tiedTo } : {}) };
}

import { subjectKey, type ExportScope } from '@pledgebook/audit-domain';

/** The index key of what an export asks for. */
export function keyOfScope(scope: ExportScope): string {
  switch (scope.kind) {
    case 'pledge':
      return subjectKey.pledge(scope.pledgeId);
    case 'member-year':
      return subjectKey.memberYear(scope.bureauId, scope.memberId, scope.year);
    case 'branch-year':
      return subjectKey.branchYear(scope.bureauId, scope.branchId, scope.year);
    case 'bureau-year':
      return subjectKey.bureauYear(scope.bureauId, scope.year);
  }
}

export const README = `Pledgebook evidence bundle

manifest.json     what was asked, by whom and when; every stream with its last revision and hash;
                  the global positions covered; a SHA-256 of every other file
manifest.jws      the manifest's signature: a detached JWS (EdDSA, Ed25519); its key id is in the manifest
jwks.json         the public keys of the system that signed (as published at /.well-known/jwks.json)
streams/*.jsonl   one file per stream, one event per line in revision order, from revision 0 to the
                  stream's head when the bundle was cut; an event of another subject (or holding
                  restricted data) is a line with its links only ("withheld")
checkpoints.jsonl every signed checkpoint of the global log up to the cut
segments/*.jsonl  the [position, hash] entries of each checkpoint that holds an event of the bundle

Check it offline:  npx pledgebook-verify bundle.zip [--key jwks.json] [--checkpoint checkpoint.json]
`;

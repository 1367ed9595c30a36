// Evidence files (photos, scans) through the same typed client: a file is sent as the raw body with
// its own type, and read back as a Blob for a thumbnail or a download (the token is in a header, so
// an <img src> cannot fetch it by itself).
import { client } from './client';
import { ApiProblem, problemOf } from './problem';

/** A stored file as a record names it (the hash the service answered on upload). */
export interface EvidenceFile {
  sha256: string;
  size: number;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  name: string;
}

export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

async function answer(call: Promise<{ response: Response }>): Promise<Response> {
  let response: Response;
  try {
    ({ response } = await call);
  } catch (error) {
    throw new ApiProblem({ status: 0, title: 'network', detail: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** Request options sending a file as the raw body with its own type. */
const rawBody = (file: File) => ({
  body: file as never,
  bodySerializer: (b: unknown) => b as Blob,
  headers: { 'content-type': file.type },
  parseAs: 'stream',
});

/** The service's answer to an upload, named after the file sent. */
async function storedAs(file: File, response: Response): Promise<EvidenceFile> {
  const stored = (await response.json()) as Omit<EvidenceFile, 'name'>;
  return { ...stored, name: file.name };
}

/** Uploads one file to a pledge book; answers the reference a progress record takes. */
export async function uploadPledgeEvidence(pledgeId: string, file: File): Promise<EvidenceFile> {
  return storedAs(file, await answer(client.POST('/api/v1/pledges/{pledgeId}/evidence', { params: { path: { pledgeId } }, ...rawBody(file) } as never) as never));
}

/** A file named on one of the book's records, as a Blob. */
export async function pledgeEvidenceBlob(pledgeId: string, sha256: string): Promise<Blob> {
  const response = await answer(client.GET('/api/v1/pledges/{pledgeId}/evidence/{sha256}', { params: { path: { pledgeId, sha256 } }, parseAs: 'stream' } as never) as never);
  return response.blob();
}

/** Uploads one file for a monthly check (the bureau's group leaders); answers the reference an entry takes. */
export async function uploadCheckEvidence(bureauId: string, file: File): Promise<EvidenceFile> {
  return storedAs(file, await answer(client.POST('/api/v1/appraisals/bureaus/{bureauId}/evidence', { params: { path: { bureauId } }, ...rawBody(file) } as never) as never));
}

/** A file named on an entry of a group's monthly check, as a Blob (for the check's readers). */
export async function checkEvidenceBlob(bureauId: string, groupId: string, month: string, sha256: string): Promise<Blob> {
  const response = await answer(
    client.GET('/api/v1/appraisals/bureaus/{bureauId}/groups/{groupId}/checks/{month}/evidence/{sha256}', { params: { path: { bureauId, groupId, month, sha256 } }, parseAs: 'stream' } as never) as never,
  );
  return response.blob();
}

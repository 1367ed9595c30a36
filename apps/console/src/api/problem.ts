/** An RFC 9457 problem document as the gateway and the services answer errors. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** A failed API call: the problem document, or what stood in for one (network failure, non-JSON answer). */
export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }

  get fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }

  /** 409 and 412: someone changed the thing meanwhile; the person should reload it. */
  get isStale(): boolean {
    return this.status === 409 || this.status === 412;
  }
}

/** `/items/2/text` → `['items', 2, 'text']`, the form field name of the same place. */
export function fieldPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export async function problemOf(response: Response): Promise<ApiProblem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as ProblemDocument;
    if (typeof body === 'object' && body !== null) return new ApiProblem({ ...body, status: body.status ?? response.status });
  } catch {
    /* not a problem document */
  }
  return new ApiProblem({ status: response.status, title: response.statusText, detail: text.slice(0, 300) || response.statusText });
}

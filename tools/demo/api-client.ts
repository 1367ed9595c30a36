/** A small JSON client for the public API (through the gateway), for the demo loader. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
  }
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiClient> {
    const { accessToken } = await new ApiClient(baseUrl).send<{ accessToken: string }>('POST', '/api/v1/auth/login', { username, password });
    return new ApiClient(baseUrl, accessToken);
  }

  /** Sends a request; a 409 (already there) is returned as undefined when `tolerateConflict`. */
  async send<T = Record<string, unknown>>(method: string, path: string, body?: unknown, options: { contentType?: string; tolerateConflict?: boolean } = {}): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status === 409 && options.tolerateConflict) return undefined as T;
    if (!response.ok) throw new ApiError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}

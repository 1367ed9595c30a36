// The few Pledgebook API calls the example needs: log in, make sure a subscriber account exists,
// and create a subscription.

export interface Session {
  baseUrl: string;
  token: string;
  claims: { sub: string; bureauId: string; roles: string[] };
}

// Answers are JSON of a few shapes, read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(session: Pick<Session, 'baseUrl'> & { token?: string }, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(session.baseUrl + path, {
    method,
    headers: { ...(session.token ? { authorization: `Bearer ${session.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`cannot reach Pledgebook at ${session.baseUrl} (${cause}): is it running (npm start), and is --url right?`);
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  const r = await call({ baseUrl }, 'POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login as ${username}: ${r.status} ${r.body?.detail ?? ''}`);
  if (r.body.mustChangePassword) {
    throw new Error(
      `${username} still has an initial password: sign in once (the console at ${baseUrl}/, or POST /api/v1/auth/password) to choose your own, then run this again with it` +
        ' (or start the demo with PLEDGEBOOK_DEMO_PASSWORD_CHANGE=0, which keeps the shared demo password usable)',
    );
  }
  const claims = JSON.parse(Buffer.from(String(r.body.accessToken).split('.')[1]!, 'base64url').toString('utf8'));
  return { baseUrl, token: r.body.accessToken, claims };
}

/**
 * A subscription owned by a subscriber account. Logged in as a subscriber, it is its own; as a
 * bureau admin, the account `subscriberUsername` is created in the admin's bureau if missing
 * (it never needs to log in: the admin manages its subscriptions).
 */
export async function subscribe(session: Session, request: { topic: string; types?: string[]; includeDescendants: boolean; target?: string; subscriberUsername: string }) {
  const isAdmin = session.claims.roles.some((r) => r === 'bureau-admin' || r === 'system-admin');
  let owner: { bureauId: string; subscriberId: string } | undefined;
  if (isAdmin) {
    owner = { bureauId: session.claims.bureauId, subscriberId: request.subscriberUsername };
    const password = `Example-${crypto.randomUUID()}`;
    const made = await call(session, 'POST', `/api/v1/bureaus/${owner.bureauId}/accounts`, { username: request.subscriberUsername, password, memberId: request.subscriberUsername, roles: ['subscriber'] });
    if (made.status !== 201 && made.status !== 409) throw new Error(`creating the subscriber account: ${made.status} ${made.body?.detail ?? ''}`);
  }
  const r = await call(session, 'POST', '/api/v1/subscriptions', {
    ...(owner ? { owner } : {}),
    topic: request.topic,
    ...(request.types ? { types: request.types } : {}),
    bureauScope: { bureauId: session.claims.bureauId, includeDescendants: request.includeDescendants },
    ...(request.target ? { target: { url: request.target } } : {}),
  });
  if (r.status !== 201) throw new Error(`creating the subscription: ${r.status} ${r.body?.detail ?? ''} ${JSON.stringify(r.body?.errors ?? [])}`);
  return r.body as { subscriptionId: string; secret?: string; topic: string; bureauScope: { bureauId: string; includeDescendants: boolean } };
}

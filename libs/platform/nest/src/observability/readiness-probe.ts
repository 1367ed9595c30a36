/** Resolves (optionally with details) when its dependency answers. */
export type HealthProbe = () => Promise<Record<string, unknown> | void>;

/** Named readiness probes; `engine` names the server behind one (EventStoreDB, Kafka…) in every answer. */
export type HealthProbes = Record<string, HealthProbe | { engine: string; check: HealthProbe }>;

/**
 * Every probe gets this long, all at once: the answer comes within it even when a server
 * does not (a closed port may fail at once, an unroutable host never). It stays under a
 * Kubernetes probe's default one-second timeout, so the kubelet reads the 503 and its reasons.
 */
export const PROBE_TIMEOUT_MS = 800;

export interface ProbeOutcome {
  up: boolean;
  data: Record<string, unknown>;
}

class ProbeTimeout extends Error {}

/** Runs one probe against the clock: up with its details, or down naming the engine and why. */
export async function runProbe(name: string, probe: HealthProbes[string], timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeOutcome> {
  const { engine, check } = typeof probe === 'function' ? { engine: undefined, check: probe } : probe;
  const named = engine ? { engine } : {};
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`${engine ?? name} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const details = await Promise.race([check(), deadline]);
    return { up: true, data: { ...named, ...(details ?? {}) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { up: false, data: { ...named, message: error instanceof ProbeTimeout || !engine || message.includes(engine) ? message : `${engine}: ${message}` } };
  } finally {
    clearTimeout(timer);
  }
}

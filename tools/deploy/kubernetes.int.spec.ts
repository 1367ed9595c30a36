// The Kubernetes manifests as an operator applies them: each overlay rendered (tools/kustomize),
// every object validated strictly against the Kubernetes schemas, every pod template held to the
// Pod Security "restricted" profile, and the production overlay's multi-replica rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, type K8sObject } from '../kustomize/render';
import { validateStrictly } from './kubernetes-schema';
import { restrictedViolations } from './pod-security';

const root = join(__dirname, '..', '..');
const production = render(join(root, 'k8s', 'overlays', 'production'));
const singleNode = render(join(root, 'k8s', 'overlays', 'single-node'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const all = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind) as Any[];
const named = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as Any;
const workloads = (objects: K8sObject[]) => objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)) as Any[];
const envOf = (workload: Any) => Object.fromEntries((workload.spec.template.spec.containers[0].env ?? []).map((e: Any) => [e.name, e.value ?? e.valueFrom]));
const SERVICES = ['pledge-service', 'review-service', 'appraisal-service', 'reward-service'];

describe.each([
  ['production', production],
  ['single-node', singleNode],
])('the %s overlay', (_name, objects) => {
  it('renders to objects that are valid against the Kubernetes schemas, with no unknown field', () => {
    expect(objects.length).toBeGreaterThan(3);
    expect(validateStrictly(objects)).toEqual([]);
  }, 60_000);

  it('runs every pod under the Pod Security "restricted" profile, with a writable /tmp only', () => {
    for (const workload of workloads(objects)) {
      expect(restrictedViolations(workload.spec.template.spec)).toEqual([]);
      for (const container of workload.spec.template.spec.containers) {
        expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      }
    }
  });

  it('gives every probe longer than the readiness check’s own deadline for each engine', () => {
    const deadlineMs = Number(/PROBE_TIMEOUT_MS = (\d+)/.exec(readFileSync(join(root, 'libs/platform/nest/src/observability/readiness-probe.ts'), 'utf8'))![1]);
    for (const workload of workloads(objects)) {
      const container = workload.spec.template.spec.containers[0];
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) expect(container[probe].timeoutSeconds * 1000).toBeGreaterThan(deadlineMs * 2);
    }
  });

  it('rolls the pods when the settings change: the config map has a content hash and the pods name it', () => {
    const [config] = all(objects, 'ConfigMap');
    expect(config.metadata.name).toMatch(/-[a-z0-9]{10}$/);
    for (const workload of workloads(objects)) {
      expect(workload.spec.template.spec.containers[0].envFrom).toContainEqual({ configMapRef: { name: config.metadata.name } });
    }
  });

  it('references Secrets and embeds none', () => {
    expect(all(objects, 'Secret')).toEqual([]);
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/PASSWORD[^"]*"\s*,\s*"value"/);
  });
});

describe('the production overlay', () => {
  it('splits each service into an API Deployment and a worker Deployment under the lease', () => {
    for (const service of SERVICES) {
      const api = named(production, 'Deployment', service);
      const worker = named(production, 'Deployment', `${service}-worker`);
      expect(envOf(api).PLEDGEBOOK_PROCESS_ROLE).toBe('api');
      expect(envOf(worker).PLEDGEBOOK_PROCESS_ROLE).toBe('worker');
      expect(worker.spec.replicas).toBe(2); // a warm standby; the lease lets one work
      expect(named(production, 'Service', service).spec.selector).toEqual(api.spec.selector.matchLabels);
      expect(worker.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('worker');
    }
  });

  it('has a disruption budget for every workload and an autoscaler for every API workload only', () => {
    const budgets = all(production, 'PodDisruptionBudget').map((b) => b.spec.selector.matchLabels);
    for (const workload of workloads(production)) expect(budgets).toContainEqual(workload.spec.selector.matchLabels);
    const scaled = all(production, 'HorizontalPodAutoscaler').map((h) => `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`).sort();
    expect(scaled).toEqual(['Deployment/appraisal-service', 'Deployment/pledge-service', 'Deployment/review-service', 'Deployment/reward-service', 'StatefulSet/gateway']);
  });

  it('denies all traffic by default and allows only what the system needs', () => {
    const deny = named(production, 'NetworkPolicy', 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const fromGateway = named(production, 'NetworkPolicy', 'services-from-gateway');
    expect(fromGateway.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }]);
  });

  it('serves the gateway through an Ingress with TLS, and keeps its denial records on a volume', () => {
    const ingress = named(production, 'Ingress', 'pledgebook');
    expect(ingress.spec.tls[0]).toMatchObject({ secretName: 'pledgebook-tls', hosts: [ingress.spec.rules[0].host] });
    const gateway = named(production, 'StatefulSet', 'gateway');
    expect(envOf(gateway).PLEDGEBOOK_DATA_DIR).toBe('/data');
    expect(gateway.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(gateway.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
  });

  it('takes engine credentials and CA certificates from Secrets, and puts topics on three brokers', () => {
    const config = all(production, 'ConfigMap')[0].data;
    expect(config).toMatchObject({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_SASL_MECHANISM: 'scram-sha-512', EVENTSTORE_TLS_CA_FILE: '/etc/pledgebook/tls/eventstore-ca.crt' });
    expect(config.EVENTSTORE_URL).toMatch(/tls=true/);
    // The gateway too: its audit API reads the event store and MongoDB, its outside subscriptions read Kafka.
    for (const workload of workloads(production)) {
      const env = envOf(workload);
      for (const name of ['EVENTSTORE_PASSWORD', 'KAFKA_SASL_PASSWORD', 'MONGODB_PASSWORD']) expect(env[name]).toEqual({ secretKeyRef: expect.objectContaining({ name: expect.stringMatching(/-credentials$/) }) });
      expect(workload.spec.template.spec.volumes).toContainEqual({ name: 'engine-ca', secret: { secretName: 'pledgebook-engine-ca' } });
    }
  });

  it('keeps the evidence files of every replicated API pod in one object store, with keys from Secrets', () => {
    for (const name of ['pledge-service', 'appraisal-service']) {
      const env = envOf(named(production, 'Deployment', name));
      expect(env.EVIDENCE_STORE_URL).toMatch(/^s3:\/\/[^/?]+\/[a-z]+\?endpoint=https:/);
      for (const key of ['EVIDENCE_S3_ACCESS_KEY_ID', 'EVIDENCE_S3_SECRET_ACCESS_KEY']) expect(env[key]).toEqual({ secretKeyRef: { name: `${name}-credentials`, key: expect.stringMatching(/^evidence-/) } });
    }
  });

  it('gives every gateway pod the same keys for the webhook secrets it seals (from a Secret, not a key file per pod)', () => {
    const gateway = named(production, 'StatefulSet', 'gateway');
    expect(gateway.spec.replicas).toBeGreaterThan(1);
    expect(envOf(gateway).SUBSCRIPTIONS_SECRET_KEYS).toEqual({ secretKeyRef: { name: 'gateway-subscription-keys', key: 'keys' } });
  });
});

describe('the single-node overlay', () => {
  it('runs the embedded profile in one pod on one volume, never two at once', () => {
    const [deployment, ...others] = workloads(singleNode);
    expect(others).toEqual([]);
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(envOf(deployment).PLEDGEBOOK_SERVICE).toBe('all');
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'pledgebook-data' } });
    expect(named(singleNode, 'PersistentVolumeClaim', 'pledgebook-data')).toBeDefined();
  });
});

describe('the strict validation', () => {
  it('fails on an unknown field, a wrong type and a missing required field', () => {
    const deployment = JSON.parse(JSON.stringify(named(production, 'Deployment', 'pledge-service')));
    deployment.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    deployment.spec.replicas = 'two';
    expect(validateStrictly([deployment]).join('\n')).toMatch(/imagePullPolcy/);
    expect(validateStrictly([deployment]).join('\n')).toMatch(/replicas/);
    const service = JSON.parse(JSON.stringify(named(production, 'Service', 'pledge-service')));
    delete service.spec.ports[0].port;
    expect(validateStrictly([service])).not.toEqual([]);
  }, 60_000);

  it('holds a pod to the restricted profile: root, escalation, kept capabilities, no seccomp and host paths fail', () => {
    const pod = JSON.parse(JSON.stringify(named(production, 'Deployment', 'pledge-service').spec.template.spec));
    pod.securityContext = { runAsUser: 0 };
    pod.containers[0].securityContext = { allowPrivilegeEscalation: true, capabilities: { add: ['NET_ADMIN'] } };
    pod.volumes.push({ name: 'host', hostPath: { path: '/var/run' } });
    expect(restrictedViolations(pod)).toEqual([
      'volume host: hostPath is not allowed',
      'container pledge-service: allowPrivilegeEscalation must be false',
      'container pledge-service: runAsNonRoot must be true',
      'container pledge-service: runAsUser 0',
      'container pledge-service: seccompProfile must be RuntimeDefault or Localhost',
      'container pledge-service: capabilities must drop ALL',
      'container pledge-service: adds capability NET_ADMIN',
    ]);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameHash } from './name-hash';
import { render } from './render';

const dir = mkdtempSync(join(tmpdir(), 'pledgebook-kustomize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(base: string, entries: Record<string, string>): string {
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(base, name, '..'), { recursive: true });
    writeFileSync(join(base, name), text);
  }
  return base;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: pledgebook
          env: [{ name: MODE, value: all }, { name: KEEP, value: "1" }]
          envFrom: [{ configMapRef: { name: settings } }]
          ports: [{ containerPort: 80 }]
        - name: sidecar
          image: other:1.0
      volumes: [{ name: cfg, configMap: { name: settings } }, { name: creds, secret: { secretName: creds } }]
`;

describe('the kustomize renderer', () => {
  it('gives generated config maps and secrets kustomize’s content hash', () => {
    // Published test vectors of kustomize's hasher.
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: '' }, data: {} })).toBe('42745tchd9');
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: '' }, data: { one: '' } })).toBe('9g67k2htb6');
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: '' }, data: { two: '2', one: '', three: '3' } })).toBe('f5h7t85m9b');
    expect(nameHash({ kind: 'Secret', type: 'my-type', metadata: { name: '' }, data: {} })).toBe('t75bgf6ctb');
  });

  it('renders a base and an overlay: generators merged and hashed, references rewritten, patches, images, namespace and labels', () => {
    const base = files(join(dir, 'one', 'base'), {
      'web.yaml': deployment,
      'kustomization.yaml': `resources: [web.yaml]
configMapGenerator:
  - name: settings
    literals: [A=1, B=2]
secretGenerator:
  - name: creds
    literals: [password=s3cret]
images:
  - { name: pledgebook, newTag: latest }
`,
    });
    const overlay = files(join(dir, 'one', 'overlay'), {
      'patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          env: [{ name: MODE, value: api }]
        - name: sidecar
          $patch: delete
`,
      'kustomization.yaml': `namespace: prod
labels:
  - pairs: { team: pledges }
    includeSelectors: false
    includeTemplates: true
resources: [../base]
patches: [{ path: patch.yaml }]
configMapGenerator:
  - name: settings
    behavior: merge
    literals: [B=3]
images:
  - { name: pledgebook, newName: registry.example.gov/pledgebook, newTag: "1.2.3" }
`,
    });
    const objects = render(overlay);
    expect(base).toBeDefined();
    const config = objects.find((o) => o.kind === 'ConfigMap')!;
    const secret = objects.find((o) => o.kind === 'Secret')!;
    expect(config.data).toEqual({ A: '1', B: '3' });
    expect(config.metadata.name).toBe(`settings-${nameHash({ kind: 'ConfigMap', metadata: { name: 'settings' }, data: { A: '1', B: '3' } })}`);
    expect(secret.data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
    const web = objects.find((o) => o.kind === 'Deployment') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(web.metadata).toMatchObject({ namespace: 'prod', labels: { app: 'web', team: 'pledges' } });
    expect(web.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(web.spec.template.metadata.labels).toEqual({ app: 'web', team: 'pledges' });
    expect(web.spec.replicas).toBe(3);
    const [container, ...rest] = web.spec.template.spec.containers;
    expect(rest).toEqual([]);
    expect(container.image).toBe('registry.example.gov/pledgebook:1.2.3');
    expect(container.env).toEqual([{ name: 'MODE', value: 'api' }, { name: 'KEEP', value: '1' }]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: config.metadata.name } }]);
    expect(web.spec.template.spec.volumes).toEqual([{ name: 'cfg', configMap: { name: config.metadata.name } }, { name: 'creds', secret: { secretName: secret.metadata.name } }]);
  });

  it('changes the hashed name, and so rolls the pods, when a setting changes', () => {
    const make = (value: string) => render(files(join(dir, `roll-${value}`), { 'web.yaml': deployment, 'kustomization.yaml': `resources: [web.yaml]\nconfigMapGenerator: [{ name: settings, literals: [A=${value}] }]\n` }));
    const [a, b] = [make('1'), make('2')].map((objects) => objects.find((o) => o.kind === 'ConfigMap')!.metadata.name);
    expect(a).not.toBe(b);
  });

  it('refuses what it does not implement rather than ignore it', () => {
    files(join(dir, 'unsupported'), { 'web.yaml': deployment, 'kustomization.yaml': 'resources: [web.yaml]\nnamePrefix: x-\n' });
    expect(() => render(join(dir, 'unsupported'))).toThrow(/namePrefix not supported/);
    files(join(dir, 'stray-patch'), { 'web.yaml': deployment, 'kustomization.yaml': 'resources: [web.yaml]\npatches: [{ patch: "{apiVersion: v1, kind: Service, metadata: {name: nope}}" }]\n' });
    expect(() => render(join(dir, 'stray-patch'))).toThrow(/Service\/nope, which no resource defines/);
  });
});

// The Pod Security Standards' "restricted" profile (Kubernetes docs, policy version latest), as
// the admission controller checks a pod spec: what a namespace labelled
// pod-security.kubernetes.io/enforce=restricted would refuse.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PodSpec = Record<string, any>;

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const ALLOWED_SECCOMP = ['RuntimeDefault', 'Localhost'];

/** What the restricted profile finds wrong with a pod spec (empty when it admits it). */
export function restrictedViolations(pod: PodSpec): string[] {
  const problems: string[] = [];
  const podContext = pod.securityContext ?? {};
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push('host namespaces');
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (!type || !ALLOWED_VOLUMES.includes(type)) problems.push(`volume ${volume.name}: ${type} is not allowed`);
  }
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const c = container.securityContext ?? {};
    const at = `container ${container.name}`;
    if (c.privileged) problems.push(`${at}: privileged`);
    if (c.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation must be false`);
    if ((c.runAsNonRoot ?? podContext.runAsNonRoot) !== true) problems.push(`${at}: runAsNonRoot must be true`);
    if ((c.runAsUser ?? podContext.runAsUser) === 0) problems.push(`${at}: runAsUser 0`);
    const seccomp = c.seccompProfile?.type ?? podContext.seccompProfile?.type;
    if (!ALLOWED_SECCOMP.includes(seccomp)) problems.push(`${at}: seccompProfile must be RuntimeDefault or Localhost`);
    if (!(c.capabilities?.drop ?? []).includes('ALL')) problems.push(`${at}: capabilities must drop ALL`);
    for (const added of c.capabilities?.add ?? []) if (added !== 'NET_BIND_SERVICE') problems.push(`${at}: adds capability ${added}`);
    for (const port of container.ports ?? []) if (port.hostPort) problems.push(`${at}: hostPort`);
  }
  return problems;
}

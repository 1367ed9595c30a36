// The image's HEALTHCHECK: healthy when the process PLEDGEBOOK_SERVICE names answers
// /health/ready (its event store, bus and read models answer too). Plain JavaScript, no
// dependencies: it runs in the image as it is.
const offsets = { 'pledge-service': 1, 'review-service': 2, 'appraisal-service': 3, 'reward-service': 4 };
const service = process.env.PLEDGEBOOK_SERVICE ?? 'gateway';
const port =
  service in offsets
    ? Number(process.env.PORT ?? Number(process.env.PLEDGEBOOK_SERVICE_PORT_BASE ?? 3100) + offsets[service])
    : Number(process.env.PLEDGEBOOK_GATEWAY_PORT ?? 3000);

fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) })
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));

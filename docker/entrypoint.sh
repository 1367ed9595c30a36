#!/bin/sh
# Starts the process PLEDGEBOOK_SERVICE names. `exec`: the process gets the container's signals
# (SIGTERM on stop) and shuts down cleanly.
set -eu
case "${PLEDGEBOOK_SERVICE:-}" in
  gateway | pledge-service | review-service | appraisal-service | reward-service)
    exec node "apps/${PLEDGEBOOK_SERVICE}/src/main.js" "$@" ;;
  all)
    exec node tools/start.js "$@" ;;
  *)
    echo "PLEDGEBOOK_SERVICE must be gateway, pledge-service, review-service, appraisal-service, reward-service or all (got \"${PLEDGEBOOK_SERVICE:-}\")" >&2
    exit 64 ;;
esac

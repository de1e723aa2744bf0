# Shared helpers for the toolkit's scripts.
log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*"; }

put_metric() {
  aws cloudwatch put-metric-data --namespace OpsToolkit --metric-name "$1" --value "$2"
}

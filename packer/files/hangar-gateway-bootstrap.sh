#!/usr/bin/env bash
# Gateway boot (called by user data): fetch the rendered config from SSM and the secrets from
# Secrets Manager, write them root-only, start the CloudWatch agent and the gateway.
#   hangar-gateway-bootstrap --region R --config-parameter NAME --secrets SECRET_ARN [--log-group G]
set -euo pipefail

region="" parameter="" secrets="" log_group=""
while [ $# -gt 0 ]; do
  case "$1" in
    --region) region=$2; shift 2 ;;
    --config-parameter) parameter=$2; shift 2 ;;
    --secrets) secrets=$2; shift 2 ;;
    --log-group) log_group=$2; shift 2 ;;
    *) echo "hangar-gateway-bootstrap: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$region" ] || [ -z "$parameter" ] || [ -z "$secrets" ]; then
  echo "hangar-gateway-bootstrap: --region, --config-parameter and --secrets are required" >&2
  exit 2
fi

umask 077
install -d -m 0750 -o root -g hangar /etc/hangar

# Config: readable by the service account, writable by root only.
tmp=$(mktemp)
aws ssm get-parameter --region "$region" --name "$parameter" --with-decryption \
  --query Parameter.Value --output text > "$tmp"
install -m 0640 -o root -g hangar "$tmp" /etc/hangar/gateway.yaml
rm -f "$tmp"

# Secrets: into the unit's EnvironmentFile, root-only (systemd reads it before dropping to
# the service account). Values never pass through the command line or the log.
json=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$secrets" \
  --query SecretString --output text)
current=$(jq -er '.webhookSecret' <<<"$json")
previous=$(jq -r '.webhookSecretPrevious // empty' <<<"$json")
session_key=$(jq -er '.agentSessionKey' <<<"$json")
unset json
{
  printf 'HANGAR_WEBHOOK_SECRET=%s\n' "$current"
  # No previous secret: repeat the current one (the gateway accepts any listed secret).
  printf 'HANGAR_WEBHOOK_SECRET_PREVIOUS=%s\n' "${previous:-$current}"
  printf 'HANGAR_AGENT_SESSION_KEY=%s\n' "$session_key"
  printf 'AWS_REGION=%s\n' "$region"
} > /etc/hangar/gateway.env
chown root:root /etc/hangar/gateway.env
chmod 0600 /etc/hangar/gateway.env

if [ -n "$log_group" ]; then
  sed -i "s#__HANGAR_LOG_GROUP__#${log_group}#g" \
    /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
  systemctl enable --now amazon-cloudwatch-agent.service
fi

systemctl enable --now hangar-gateway.service

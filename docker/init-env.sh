#!/usr/bin/env bash
# Draws the secrets docker/compose.yaml needs and writes them where compose reads them, never into git:
#   docker/.env                    hashes for the app (admin login, shop API token, metrics token) and
#                                  the Shopify webhook secret
#   docker/prometheus/metrics-token  the token Prometheus scrapes the app with
# Prints the admin password and the shop API token once; only their hashes are stored.
#
#   docker/init-env.sh [--force] [--out DIR]
#
# The admin password's bcrypt hash comes from the app itself (`hash-password`), run from the image this
# script builds (docker build -f docker/Dockerfile -t journeys:local .), or from the command in
# JOURNEYS_HASH_PASSWORD_COMMAND (e.g. "java -jar target/journeys-0.1.0-SNAPSHOT.jar hash-password").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here
force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=true ;;
    --out) out=$2; shift ;;
    *) echo "Expected --force or --out DIR, but got '$1'" >&2; exit 2 ;;
  esac
  shift
done
if [ -e "$out/.env" ] && [ "$force" != true ]; then
  echo "$out/.env exists already; run with --force to draw new secrets (the old admin password and tokens stop working)" >&2
  exit 1
fi
for tool in openssl sha256sum; do
  command -v "$tool" >/dev/null || { echo "Expected $tool on the PATH" >&2; exit 1; }
done

sha256() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
admin_password=$(openssl rand -hex 12)
shop_token=$(openssl rand -hex 32)
metrics_token=$(openssl rand -hex 32)
shopify_secret=$(openssl rand -hex 32)

if [ -z "${JOURNEYS_HASH_PASSWORD_COMMAND:-}" ]; then
  echo "Building the journeys image to hash the admin password (docker build -f docker/Dockerfile -t journeys:local .)" >&2
  docker build -q -f "$here/Dockerfile" -t journeys:local "$here/.." >/dev/null
  JOURNEYS_HASH_PASSWORD_COMMAND="docker run --rm -i journeys:local hash-password"
fi
# shellcheck disable=SC2086 # the command is a list of words
admin_hash=$(printf '%s\n' "$admin_password" | $JOURNEYS_HASH_PASSWORD_COMMAND)
case "$admin_hash" in
  '$2'*) ;;
  *) echo "Expected a bcrypt hash from '$JOURNEYS_HASH_PASSWORD_COMMAND', but got '$admin_hash'" >&2; exit 1 ;;
esac

mkdir -p "$out/prometheus"
umask 077
# Single quotes: compose takes the values literally (a bcrypt hash is full of '$').
cat > "$out/.env" <<ENV
# Written by docker/init-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Secrets: never commit this file.
# The dashboard login "admin" (role admin): bcrypt hash of the password init-env.sh printed.
JOURNEYS_ADMIN_PASSWORD_HASH='$admin_hash'
# The shop's API token (role shop: POST /api/orders, shipments, cancellations, events): its SHA-256.
JOURNEYS_SHOP_TOKEN_SHA256='$(sha256 "$shop_token")'
# Prometheus's token (role metrics): its SHA-256; the token itself is in prometheus/metrics-token.
JOURNEYS_METRICS_TOKEN_SHA256='$(sha256 "$metrics_token")'
# The secret Shopify signs webhooks with (the shop's app settings show it; replace this one with it).
JOURNEYS_SHOPIFY_WEBHOOK_SECRET='$shopify_secret'
ENV
umask 022
printf '%s' "$metrics_token" > "$out/prometheus/metrics-token"
# Prometheus runs as nobody in its container: the token file must be readable to it.
chmod 644 "$out/prometheus/metrics-token"

cat <<DONE
Wrote $out/.env and $out/prometheus/metrics-token. Shown once, keep them somewhere safe:
  dashboard login:  admin / $admin_password
  shop API token:   $shop_token   (Authorization: Bearer ...)
Then: docker compose -f docker/compose.yaml up -d --build
DONE

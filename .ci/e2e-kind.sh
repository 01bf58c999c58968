#!/usr/bin/env bash
# End-to-end test on Kind: the real images, installed with the real chart, exporting a real table.
#
#  1. builds both images (.ci/build-images) and loads them into a new Kind cluster;
#  2. runs DynamoDB Local and MinIO in the cluster, creates the bucket and seeds a table through
#     kubectl port-forward with the AWS CLI;
#  3. installs charts/tableexport-operator (helm upgrade --install --wait) pointed at them;
#  4. applies a ContinuousBackup of the table and waits until it is Ready (PITR ENABLED): the
#     operator fails any export of a table without one;
#  5. runs a full DYNAMODB_JSON and a full ION export at the latest restorable time, then changes
#     the table and runs a full export at a time before the changes and an incremental export of
#     them (the chart's minIncrementalWindow lowered to 30 s), each waited on until Complete;
#  6. checks what each wrote in MinIO: _started, the manifests, itemCount against what was seeded
#     or changed, data files only .json.gz / .ion.gz and exactly those the manifest lists, and
#     their lines.
# On a failure it prints the resources, events, operator logs and runner logs.
#
# Needs docker (with a running engine), kind, kubectl, helm, aws (the AWS CLI), jq, a JDK 21+ and
# Maven. CI: .ci/e2e-kind.workflow.yml. Settings (environment):
#   CLUSTER_NAME=tableexport-e2e  the Kind cluster; an existing one of that name is reused (its
#                                 test namespace is recreated) and never deleted
#   KEEP_CLUSTER=1                keep the cluster this run created (default: deleted on exit)
#   KIND_NODE_IMAGE               node image for kind create cluster (default: kind's own)
#   IMAGE_TAG=dev                 tag of the images built and installed (not latest: Kind nodes
#                                 must not pull it)
#   SKIP_BUILD=1                  use the images already in Docker instead of building them
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLUSTER_NAME=${CLUSTER_NAME:-tableexport-e2e}
KEEP_CLUSTER=${KEEP_CLUSTER:-0}
KIND_NODE_IMAGE=${KIND_NODE_IMAGE:-}
IMAGE_TAG=${IMAGE_TAG:-dev}
SKIP_BUILD=${SKIP_BUILD:-0}
OPERATOR_IMAGE=${OPERATOR_IMAGE:-ghcr.io/tableexport/tableexport-operator}
RUNNER_IMAGE=${RUNNER_IMAGE:-ghcr.io/tableexport/export-runner}
DYNAMODB_LOCAL_IMAGE=${DYNAMODB_LOCAL_IMAGE:-amazon/dynamodb-local:2.6.1}
MINIO_IMAGE=${MINIO_IMAGE:-minio/minio:RELEASE.2025-09-07T16-13-09Z}

RELEASE_NAME=tableexport
RELEASE_NAMESPACE=tableexport-system
E2E_NAMESPACE=tableexport-e2e
REGION=us-east-1
# Dummy static keys: MinIO's root user, and accepted by DynamoDB Local (letters and digits only).
ACCESS_KEY_ID=tableexporte2e
SECRET_ACCESS_KEY=tableexporte2esecret
BUCKET=tableexport-e2e
TABLE_NAME=e2e-orders
TABLE_ARN=arn:aws:dynamodb:$REGION:000000000000:table/$TABLE_NAME
ITEM_COUNT=250
# The shortest incremental window the operator accepts here (DynamoDB's is 15 minutes).
MIN_WINDOW_SECONDS=30

POLL_SECONDS=2
BACKUP_READY_TIMEOUT=300
EXPORT_TIMEOUT=420
WINDOW_TIMEOUT=180

WORK_DIR=
CREATED_CLUSTER=0
CLUSTER_UP=0
PORT_FORWARD_PIDS=()
DYNAMODB_URL=
S3_URL=

# --- output and failure ---------------------------------------------------------------------

log() { echo "e2e-kind: $*"; }

fail() {
  echo "e2e-kind: FAILED: $*" >&2
  exit 1
}

group() {
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then echo "::group::$*"; else echo "=== $*"; fi
}

end_group() {
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then echo "::endgroup::"; fi
}

# expect_equal WHAT ACTUAL EXPECTED
expect_equal() {
  [[ $2 == "$3" ]] || fail "$1: expected '$3', got '$2'"
  log "ok: $1 = $3"
}

# wait_until TIMEOUT_SECONDS DESCRIPTION COMMAND [ARG...]: runs COMMAND every POLL_SECONDS until it
# succeeds; fails after the deadline. COMMAND runs without errexit (it is a condition).
wait_until() {
  local timeout=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      echo "e2e-kind: timed out after ${timeout}s waiting for $what" >&2
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
}

# --- preconditions --------------------------------------------------------------------------

require_tools() {
  local tool missing=()
  for tool in docker kind kubectl helm aws jq gzip; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ((${#missing[@]} > 0)); then
    fail "missing tools: ${missing[*]}. Install them: docker (https://docs.docker.com/engine/install/)," \
      "kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)," \
      "kubectl (https://kubernetes.io/docs/tasks/tools/), helm (https://helm.sh/docs/intro/install/)," \
      "the AWS CLI (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), jq."
  fi
  docker info >/dev/null 2>&1 ||
    fail "docker is installed but its engine does not answer (docker info failed): start it."
  [[ -f charts/tableexport-operator/Chart.yaml ]] ||
    fail "charts/tableexport-operator/Chart.yaml not found: this checkout has no chart to install."
  [[ $IMAGE_TAG != latest ]] ||
    fail "IMAGE_TAG=latest would make the runner pods pull from the registry instead of using" \
      "the image loaded into Kind; use another tag."
}

# --- cleanup and diagnostics ----------------------------------------------------------------

stop_port_forwards() {
  local pid
  for pid in "${PORT_FORWARD_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PORT_FORWARD_PIDS=()
}

dump_diagnostics() {
  local pod
  group "Diagnostics: resources"
  kubectl get nodes -o wide
  kubectl -n "$E2E_NAMESPACE" get continuousbackups,tableexports,jobs,deployments,pods -o wide
  kubectl -n "$RELEASE_NAMESPACE" get all -o wide
  helm -n "$RELEASE_NAMESPACE" status "$RELEASE_NAME"
  end_group
  group "Diagnostics: describe"
  kubectl -n "$E2E_NAMESPACE" describe continuousbackups,tableexports
  kubectl -n "$E2E_NAMESPACE" describe pods -l app.kubernetes.io/managed-by=tableexport-operator
  kubectl -n "$RELEASE_NAMESPACE" describe pods
  end_group
  group "Diagnostics: events"
  kubectl -n "$E2E_NAMESPACE" get events --sort-by=.lastTimestamp
  kubectl -n "$RELEASE_NAMESPACE" get events --sort-by=.lastTimestamp
  end_group
  group "Diagnostics: operator logs"
  for pod in $(kubectl -n "$RELEASE_NAMESPACE" get pods -o name); do
    echo "--- $pod"
    kubectl -n "$RELEASE_NAMESPACE" logs "$pod" --all-containers --tail=500
    kubectl -n "$RELEASE_NAMESPACE" logs "$pod" --all-containers --tail=200 --previous 2>/dev/null
  done
  end_group
  group "Diagnostics: export Job and recorder logs"
  for pod in $(kubectl -n "$E2E_NAMESPACE" get pods -l app.kubernetes.io/managed-by=tableexport-operator -o name); do
    echo "--- $pod"
    kubectl -n "$E2E_NAMESPACE" logs "$pod" --all-containers --tail=300
  done
  end_group
}

cleanup() {
  local status=$?
  set +e
  stop_port_forwards
  if ((status != 0)) && ((CLUSTER_UP == 1)); then
    dump_diagnostics
  fi
  if ((CREATED_CLUSTER == 1)); then
    if [[ $KEEP_CLUSTER == 1 ]]; then
      log "keeping cluster $CLUSTER_NAME; use it with: kind export kubeconfig --name $CLUSTER_NAME"
    else
      log "deleting cluster $CLUSTER_NAME (KEEP_CLUSTER=1 keeps it)"
      kind delete cluster --name "$CLUSTER_NAME"
    fi
  fi
  [[ -n $WORK_DIR ]] && rm -rf "$WORK_DIR"
  if ((status == 0)); then log "PASSED"; else log "FAILED (exit status $status)"; fi
  exit "$status"
}

# --- cluster, images, backends --------------------------------------------------------------

build_images() {
  if [[ $SKIP_BUILD == 1 ]]; then
    docker image inspect "$OPERATOR_IMAGE:$IMAGE_TAG" "$RUNNER_IMAGE:$IMAGE_TAG" >/dev/null ||
      fail "SKIP_BUILD=1 but $OPERATOR_IMAGE:$IMAGE_TAG or $RUNNER_IMAGE:$IMAGE_TAG is not in Docker"
    return
  fi
  group "Building the images"
  IMAGE_TAG=$IMAGE_TAG OPERATOR_IMAGE=$OPERATOR_IMAGE RUNNER_IMAGE=$RUNNER_IMAGE bash .ci/build-images
  end_group
}

create_cluster() {
  group "Kind cluster $CLUSTER_NAME"
  local clusters
  clusters=$(kind get clusters 2>/dev/null || true)
  if grep -qxF "$CLUSTER_NAME" <<<"$clusters"; then
    log "reusing the existing cluster $CLUSTER_NAME (it is not deleted at the end)"
  else
    local args=(create cluster --name "$CLUSTER_NAME" --wait 180s)
    [[ -n $KIND_NODE_IMAGE ]] && args+=(--image "$KIND_NODE_IMAGE")
    CREATED_CLUSTER=1
    kind "${args[@]}"
  fi
  kind get kubeconfig --name "$CLUSTER_NAME" >"$KUBECONFIG"
  CLUSTER_UP=1
  kubectl cluster-info
  kind load docker-image --name "$CLUSTER_NAME" "$OPERATOR_IMAGE:$IMAGE_TAG" "$RUNNER_IMAGE:$IMAGE_TAG"
  end_group
}

create_namespaces() {
  if kubectl get namespace "$E2E_NAMESPACE" >/dev/null 2>&1; then
    log "deleting namespace $E2E_NAMESPACE left by an earlier run"
    kubectl delete namespace "$E2E_NAMESPACE" --wait=true --timeout=180s
  fi
  kubectl create namespace "$E2E_NAMESPACE"
}

deploy_backends() {
  group "DynamoDB Local and MinIO in namespace $E2E_NAMESPACE"
  kubectl -n "$E2E_NAMESPACE" apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dynamodb-local
  labels: {app.kubernetes.io/name: dynamodb-local}
spec:
  replicas: 1
  selector:
    matchLabels: {app.kubernetes.io/name: dynamodb-local}
  template:
    metadata:
      labels: {app.kubernetes.io/name: dynamodb-local}
    spec:
      containers:
        - name: dynamodb-local
          image: $DYNAMODB_LOCAL_IMAGE
          args: ["-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry", "-port", "8000"]
          ports:
            - {name: http, containerPort: 8000}
          readinessProbe:
            tcpSocket: {port: http}
            periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: dynamodb-local
spec:
  selector: {app.kubernetes.io/name: dynamodb-local}
  ports:
    - {name: http, port: 8000, targetPort: http}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: minio
  labels: {app.kubernetes.io/name: minio}
spec:
  replicas: 1
  selector:
    matchLabels: {app.kubernetes.io/name: minio}
  template:
    metadata:
      labels: {app.kubernetes.io/name: minio}
    spec:
      containers:
        - name: minio
          image: $MINIO_IMAGE
          args: ["server", "/data", "--address", ":9000", "--console-address", ":9001"]
          env:
            - {name: MINIO_ROOT_USER, value: "$ACCESS_KEY_ID"}
            - {name: MINIO_ROOT_PASSWORD, value: "$SECRET_ACCESS_KEY"}
          ports:
            - {name: s3, containerPort: 9000}
          readinessProbe:
            httpGet: {path: /minio/health/ready, port: s3}
            periodSeconds: 2
          volumeMounts:
            - {name: data, mountPath: /data}
      volumes:
        - name: data
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: minio
spec:
  selector: {app.kubernetes.io/name: minio}
  ports:
    - {name: s3, port: 9000, targetPort: s3}
EOF
  kubectl -n "$E2E_NAMESPACE" rollout status deployment/dynamodb-local --timeout=300s
  kubectl -n "$E2E_NAMESPACE" rollout status deployment/minio --timeout=300s
  end_group
}

# port_forward SERVICE PORT VARIABLE: forwards a free local port to the service in the test
# namespace, in the background (stopped on exit), and sets VARIABLE to its http://127.0.0.1 URL.
port_forward() {
  local service=$1 port=$2 variable=$3
  local output="$WORK_DIR/port-forward-$service.log" local_port
  kubectl -n "$E2E_NAMESPACE" port-forward --address 127.0.0.1 "service/$service" ":$port" \
    >"$output" 2>&1 &
  PORT_FORWARD_PIDS+=("$!")
  if ! wait_until 60 "kubectl port-forward to service/$service" \
    grep -q '^Forwarding from 127\.0\.0\.1:' "$output"; then
    cat "$output" >&2
    fail "could not forward a port to service/$service"
  fi
  local_port=$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$output")
  local_port=${local_port%%$'\n'*}
  printf -v "$variable" 'http://127.0.0.1:%s' "$local_port"
  log "service/$service is at ${!variable}"
}

# --- the AWS CLI, on the port-forwarded endpoints ---------------------------------------------

configure_aws_cli() {
  # Only the dummy keys and this run's settings: nothing from the caller's AWS configuration.
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB AWS_ENDPOINT_URL_S3
  export AWS_CONFIG_FILE="$WORK_DIR/aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK_DIR/aws-credentials"
  export AWS_ACCESS_KEY_ID=$ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET_ACCESS_KEY
  export AWS_REGION=$REGION AWS_DEFAULT_REGION=$REGION AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
  # MinIO by path, and no checksums beyond what S3 requires (newer CLIs add them by default).
  cat >"$AWS_CONFIG_FILE" <<EOF
[default]
region = $REGION
output = json
request_checksum_calculation = when_required
response_checksum_validation = when_required
s3 =
    addressing_style = path
EOF
  : >"$AWS_SHARED_CREDENTIALS_FILE"
}

ddb() { aws --endpoint-url "$DYNAMODB_URL" dynamodb "$@"; }
s3() { aws --endpoint-url "$S3_URL" s3 "$@"; }
s3api() { aws --endpoint-url "$S3_URL" s3api "$@"; }

bucket_ready() {
  s3api head-bucket --bucket "$BUCKET" >/dev/null 2>&1 || s3api create-bucket --bucket "$BUCKET" >/dev/null
}

tables_listed() { ddb list-tables >/dev/null; }

# batch_write REQUEST_FILE: BatchWriteItem, resending unprocessed items.
batch_write() {
  local request=$1 response attempt
  for attempt in 1 2 3 4 5; do
    response=$(ddb batch-write-item --request-items "file://$request")
    if jq -e '(.UnprocessedItems // {}) | length == 0' <<<"$response" >/dev/null; then
      return 0
    fi
    jq '.UnprocessedItems' <<<"$response" >"$request"
    sleep "$attempt"
  done
  fail "batch-write-item still had unprocessed items after 5 attempts"
}

# puts FROM TO VERSION: PutRequests for orders FROM..TO-1, every attribute type.
puts() {
  jq -n --argjson from "$1" --argjson to "$2" --argjson version "$3" '
    [range($from; $to) | {PutRequest: {Item: {
      customer: {S: "customer-\(. % 7)"},
      order: {N: "\(.)"},
      version: {N: "\($version)"},
      total: {N: "\(. * 3).25"},
      status: {S: (if . % 2 == 0 then "shipped" else "pending" end)},
      tags: {SS: ["e2e", "order-\(.)"]},
      sizes: {NS: ["1", "2.5"]},
      payload: {B: ("order \(.)" | @base64)},
      lines: {L: [{M: {sku: {S: "sku-\(. % 5)"}, quantity: {N: "\(. % 3 + 1)"}}}]},
      gift: {BOOL: (. % 3 == 0)},
      note: {NULL: true}
    }}}]'
}

# deletes FROM TO: DeleteRequests for orders FROM..TO-1.
deletes() {
  jq -n --argjson from "$1" --argjson to "$2" '
    [range($from; $to) | {DeleteRequest: {Key: {customer: {S: "customer-\(. % 7)"}, order: {N: "\(.)"}}}}]'
}

# write_requests REQUESTS_JSON_ARRAY: BatchWriteItem in batches of 25.
write_requests() {
  local requests=$1 count start file="$WORK_DIR/batch.json"
  count=$(jq 'length' <<<"$requests")
  for ((start = 0; start < count; start += 25)); do
    jq --arg table "$TABLE_NAME" --argjson start "$start" '{($table): .[$start:$start + 25]}' \
      <<<"$requests" >"$file"
    batch_write "$file"
  done
}

table_count() { ddb scan --table-name "$TABLE_NAME" --select COUNT --query Count --output text; }

seed_table() {
  group "Seeding table $TABLE_NAME with $ITEM_COUNT items"
  wait_until 60 "DynamoDB Local to answer" tables_listed
  ddb create-table --table-name "$TABLE_NAME" \
    --attribute-definitions AttributeName=customer,AttributeType=S AttributeName=order,AttributeType=N \
    --key-schema AttributeName=customer,KeyType=HASH AttributeName=order,KeyType=RANGE \
    --billing-mode PAY_PER_REQUEST >/dev/null
  ddb wait table-exists --table-name "$TABLE_NAME"
  write_requests "$(puts 0 "$ITEM_COUNT" 1)"
  expect_equal "items in $TABLE_NAME" "$(table_count)" "$ITEM_COUNT"
  end_group
}

# The changes the incremental export must hold: 5 items updated (version 2), 3 inserted, 2 deleted.
CHANGED_UPDATES=5
CHANGED_INSERTS=3
CHANGED_DELETES=2
change_table() {
  local requests
  requests=$(jq -s 'add' <(puts 0 "$CHANGED_UPDATES" 2) \
    <(puts "$ITEM_COUNT" "$((ITEM_COUNT + CHANGED_INSERTS))" 2) \
    <(deletes "$((ITEM_COUNT - CHANGED_DELETES))" "$ITEM_COUNT"))
  write_requests "$requests"
  expect_equal "items in $TABLE_NAME after the changes" "$(table_count)" \
    "$((ITEM_COUNT + CHANGED_INSERTS - CHANGED_DELETES))"
}

# --- the chart --------------------------------------------------------------------------------

install_chart() {
  group "helm upgrade --install $RELEASE_NAME charts/tableexport-operator"
  local values="$WORK_DIR/values.yaml" services="$E2E_NAMESPACE.svc.cluster.local"
  cat >"$values" <<EOF
image:
  repository: $OPERATOR_IMAGE
  tag: "$IMAGE_TAG"
  pullPolicy: Never
runner:
  image:
    repository: $RUNNER_IMAGE
    tag: "$IMAGE_TAG"
  namespaces: [$E2E_NAMESPACE]
watchNamespaces: [$E2E_NAMESPACE]
aws:
  region: $REGION
  endpoints:
    dynamodb: http://dynamodb-local.$services:8000
    s3: http://minio.$services:9000
  credentials:
    accessKeyId: $ACCESS_KEY_ID
    secretAccessKey: $SECRET_ACCESS_KEY
leaderElection:
  enabled: true
maxConcurrentExports: 2
minIncrementalWindow: PT${MIN_WINDOW_SECONDS}S
EOF
  cat "$values"
  if ((CREATED_CLUSTER == 0)) && helm -n "$RELEASE_NAMESPACE" status "$RELEASE_NAME" >/dev/null 2>&1; then
    # A reused cluster: start from a fresh operator, whatever an earlier run installed (the CRDs
    # stay: Helm never deletes them).
    helm -n "$RELEASE_NAMESPACE" uninstall "$RELEASE_NAME" --wait
  fi
  helm upgrade --install "$RELEASE_NAME" charts/tableexport-operator \
    --namespace "$RELEASE_NAMESPACE" --create-namespace \
    --values "$values" --wait --timeout 5m
  kubectl wait --for=condition=Established --timeout=60s \
    crd/tableexports.tableexport.dev crd/continuousbackups.tableexport.dev ||
    fail "the chart did not install the CRDs tableexports.tableexport.dev and continuousbackups.tableexport.dev"
  end_group
}

# --- ContinuousBackup -------------------------------------------------------------------------

cbk_get() { kubectl -n "$E2E_NAMESPACE" get continuousbackup orders -o "jsonpath=$1"; }

epoch_of() { date -u -d "$1" +%s; }
rfc3339() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# restorable_through EPOCH: the backup's latest restorable time has reached EPOCH.
restorable_through() {
  local latest
  latest=$(cbk_get '{.status.latestRestorableDateTime}') || return 1
  [[ -n $latest ]] && (($(epoch_of "$latest") >= $1))
}

start_backup() {
  group "ContinuousBackup of $TABLE_NAME"
  kubectl -n "$E2E_NAMESPACE" apply -f - <<EOF
apiVersion: tableexport.dev/v1alpha1
kind: ContinuousBackup
metadata:
  name: orders
spec:
  tableArn: $TABLE_ARN
  store:
    bucket: $BUCKET
    prefix: pitr
  recoveryPeriodInDays: 1
EOF
  kubectl -n "$E2E_NAMESPACE" wait --for=condition=Ready --timeout="${BACKUP_READY_TIMEOUT}s" \
    continuousbackup/orders
  expect_equal "ContinuousBackup pointInTimeRecoveryStatus" \
    "$(cbk_get '{.status.pointInTimeRecoveryStatus}')" ENABLED
  kubectl -n "$E2E_NAMESPACE" get continuousbackup orders
  end_group
}

# --- TableExports -----------------------------------------------------------------------------

tex_get() { kubectl -n "$E2E_NAMESPACE" get tableexport "$1" -o "jsonpath=$2"; }

export_ended() {
  local status
  status=$(tex_get "$1" '{.status.exportStatus}') || return 1
  [[ $status == COMPLETED || $status == FAILED ]]
}

# wait_for_export NAME: until COMPLETED (with the Complete condition); a FAILED export fails the run
# at once with its failureCode and failureMessage.
wait_for_export() {
  local name=$1 jobs
  wait_until "$EXPORT_TIMEOUT" "TableExport $name to end" export_ended "$name" ||
    fail "TableExport $name did not end within ${EXPORT_TIMEOUT}s: $(tex_get "$name" '{.status.progress}')"
  if [[ $(tex_get "$name" '{.status.exportStatus}') != COMPLETED ]]; then
    fail "TableExport $name FAILED: $(tex_get "$name" '{.status.failureCode}'):" \
      "$(tex_get "$name" '{.status.failureMessage}')"
  fi
  kubectl -n "$E2E_NAMESPACE" wait --for=condition=Complete --timeout=30s "tableexport/$name"
  jobs=$(kubectl -n "$E2E_NAMESPACE" get jobs -l "tableexport.dev/export=$name" -o name | wc -l)
  expect_equal "Jobs run for $name" "$jobs" 1
}

# verify_export NAME FORMAT PREFIX EXPECTED_ITEMS EXPORT_TYPE: what the export wrote in the bucket.
# Leaves the data files' lines in $WORK_DIR/NAME.lines.
verify_export() {
  local name=$1 format=$2 prefix=$3 expected=$4 type=$5
  local arn manifest dir data_dir suffix key object listing keys summary files lines
  local listed=() stored=()
  group "Checking TableExport $name in s3://$BUCKET/$prefix/"
  arn=$(tex_get "$name" '{.status.exportArn}')
  manifest=$(tex_get "$name" '{.status.exportManifest}')
  expect_equal "$name status.itemCount" "$(tex_get "$name" '{.status.itemCount}')" "$expected"
  [[ $arn == "$TABLE_ARN/export/"* ]] || fail "$name: ExportArn '$arn' is not under $TABLE_ARN/export/"
  dir="$prefix/AWSDynamoDB/${arn##*/}"
  expect_equal "$name status.exportManifest" "$manifest" "$dir/manifest-summary.json"

  listing="$WORK_DIR/$name.listing"
  s3 ls --recursive "s3://$BUCKET/$prefix/" >"$listing" || fail "nothing under s3://$BUCKET/$prefix/"
  cat "$listing"
  keys=$(awk '{ print $4 }' "$listing")
  for object in _started manifest-summary.json manifest-summary.md5 manifest-files.json manifest-files.md5; do
    grep -qxF "$dir/$object" <<<"$keys" || fail "s3://$BUCKET/$dir/$object is missing"
  done
  log "ok: _started, manifest-summary.json/.md5 and manifest-files.json/.md5 are there"

  summary="$WORK_DIR/$name-manifest-summary.json"
  s3 cp --only-show-errors "s3://$BUCKET/$manifest" "$summary"
  jq . "$summary"
  jq -e --arg arn "$arn" --arg table "$TABLE_ARN" --arg bucket "$BUCKET" --arg prefix "$prefix" \
    --arg format "$format" --argjson items "$expected" \
    '.exportArn == $arn and .tableArn == $table and .s3Bucket == $bucket and .s3Prefix == $prefix
      and .outputFormat == $format and .itemCount == $items' "$summary" >/dev/null ||
    fail "$name: manifest-summary.json does not match the export (itemCount $expected, $format, $arn)"
  if [[ $type == INCREMENTAL_EXPORT ]]; then
    jq -e '.exportType == "INCREMENTAL_EXPORT" and .outputView == "NEW_AND_OLD_IMAGES"' "$summary" \
      >/dev/null || fail "$name: manifest-summary.json is not an incremental NEW_AND_OLD_IMAGES one"
    data_dir="$prefix/AWSDynamoDB/data/"
  else
    data_dir="$dir/data/"
  fi
  log "ok: manifest-summary.json: itemCount $expected, $format, $arn"

  files="$WORK_DIR/$name-manifest-files.json"
  s3 cp --only-show-errors "s3://$BUCKET/$dir/manifest-files.json" "$files"
  expect_equal "$name: itemCount summed over manifest-files.json" \
    "$(jq -s 'map(.itemCount) | add' "$files")" "$expected"
  if [[ $format == ION ]]; then suffix=.ion.gz; else suffix=.json.gz; fi
  mapfile -t listed < <(jq -r '.dataFileS3Key' "$files" | sort)
  mapfile -t stored < <(awk -v dir="$data_dir" 'index($0, dir) == 1' <<<"$keys" | sort)
  ((${#listed[@]} > 0)) || fail "$name: manifest-files.json lists no data file"
  for key in "${listed[@]}"; do
    [[ $key == "$data_dir"*"$suffix" ]] || fail "$name: data file $key is not a $suffix file under $data_dir"
  done
  # One export per prefix here, so its data folder holds exactly the files its manifest lists.
  [[ "${stored[*]}" == "${listed[*]}" ]] ||
    fail "$name: $data_dir holds ${stored[*]}, but manifest-files.json lists ${listed[*]}"
  log "ok: ${#listed[@]} data files, all $suffix, exactly those manifest-files.json lists"

  lines="$WORK_DIR/$name.lines"
  : >"$lines"
  for key in "${listed[@]}"; do
    s3 cp --only-show-errors "s3://$BUCKET/$key" "$WORK_DIR/data-file.gz"
    gzip -dc "$WORK_DIR/data-file.gz" >>"$lines"
  done
  expect_equal "$name: lines in its data files" "$(wc -l <"$lines" | tr -d ' ')" "$expected"
  end_group
}

# The items of a full export taken before the changes: every seeded order once, version 1.
check_seeded_items_json() {
  jq -e -s --argjson count "$ITEM_COUNT" '
    length == $count and all(.[]; .Item.version.N == "1")
    and ([.[].Item.order.N | tonumber] | sort) == [range(0; $count)]' "$WORK_DIR/$1.lines" >/dev/null ||
    fail "$1: the data files do not hold exactly orders 0..$((ITEM_COUNT - 1)) at version 1"
  log "ok: $1 holds orders 0..$((ITEM_COUNT - 1)), each once, at version 1"
}

check_seeded_items_ion() {
  local lines="$WORK_DIR/$1.lines"
  expect_equal "$1: lines that are an Ion item" "$(grep -c '^[$]ion_1_0 {Item:{' "$lines")" "$ITEM_COUNT"
  expect_equal "$1: items at version 1" "$(grep -c 'version:1\.' "$lines")" "$ITEM_COUNT"
}

check_incremental_records() {
  jq -e -s --argjson updates "$CHANGED_UPDATES" --argjson inserts "$CHANGED_INSERTS" \
    --argjson deletes "$CHANGED_DELETES" '
    all(.[]; has("Keys") and (.Metadata.WriteTimestampMicros | has("N")))
    and ([.[] | select(has("OldImage") and has("NewImage"))
      | select(.OldImage.version.N == "1" and .NewImage.version.N == "2")] | length) == $updates
    and ([.[] | select(has("NewImage") and (has("OldImage") | not))] | length) == $inserts
    and ([.[] | select(has("OldImage") and (has("NewImage") | not))] | length) == $deletes' \
    "$WORK_DIR/$1.lines" >/dev/null ||
    fail "$1: expected $CHANGED_UPDATES updated, $CHANGED_INSERTS inserted and $CHANGED_DELETES deleted items"
  log "ok: $1 holds $CHANGED_UPDATES updates, $CHANGED_INSERTS inserts, $CHANGED_DELETES deletes"
}

run_full_exports() {
  group "Full exports at the latest restorable time: DYNAMODB_JSON and ION"
  kubectl -n "$E2E_NAMESPACE" apply -f - <<EOF
apiVersion: tableexport.dev/v1alpha1
kind: TableExport
metadata:
  name: orders-json
spec:
  tableArn: $TABLE_ARN
  s3Bucket: $BUCKET
  s3Prefix: exports/json
  exportFormat: DYNAMODB_JSON
---
apiVersion: tableexport.dev/v1alpha1
kind: TableExport
metadata:
  name: orders-ion
spec:
  tableArn: $TABLE_ARN
  s3Bucket: $BUCKET
  s3Prefix: exports/ion
  exportFormat: ION
EOF
  wait_for_export orders-json
  wait_for_export orders-ion
  kubectl -n "$E2E_NAMESPACE" get tableexports
  end_group
  verify_export orders-json DYNAMODB_JSON exports/json "$ITEM_COUNT" FULL_EXPORT
  check_seeded_items_json orders-json
  verify_export orders-ion ION exports/ion "$ITEM_COUNT" FULL_EXPORT
  check_seeded_items_ion orders-ion
  [[ -n $(tex_get orders-json '{.status.exportTime}') ]] ||
    fail "orders-json: status.exportTime is not set (the latest restorable time it resolved to)"
}

run_point_in_time_exports() {
  local earliest from before changed to
  group "Changing the table, then exports at a time before the changes and of the changes"
  earliest=$(epoch_of "$(cbk_get '{.status.earliestRestorableDateTime}')")
  # Whole seconds inside the window: the window starts at the end of the first snapshot, and
  # every change below is timed after the moment taken just before it.
  from=$((earliest + 1))
  before=$(($(date -u +%s) - 1))
  ((before >= from)) || fail "the changes would start before the restorable window's start"
  change_table
  changed=$(date -u +%s)
  to=$((from + MIN_WINDOW_SECONDS + 1))
  ((to >= changed + 5)) || to=$((changed + 5))
  wait_until "$WINDOW_TIMEOUT" "the restorable window to reach $(rfc3339 "$to")" restorable_through "$to"
  kubectl -n "$E2E_NAMESPACE" get continuousbackup orders
  kubectl -n "$E2E_NAMESPACE" apply -f - <<EOF
apiVersion: tableexport.dev/v1alpha1
kind: TableExport
metadata:
  name: orders-before-changes
spec:
  tableArn: $TABLE_ARN
  s3Bucket: $BUCKET
  s3Prefix: exports/before-changes
  exportFormat: DYNAMODB_JSON
  exportTime: "$(rfc3339 "$before")"
---
apiVersion: tableexport.dev/v1alpha1
kind: TableExport
metadata:
  name: orders-changes
spec:
  tableArn: $TABLE_ARN
  s3Bucket: $BUCKET
  s3Prefix: exports/changes
  exportFormat: DYNAMODB_JSON
  exportType: INCREMENTAL_EXPORT
  incrementalExportSpecification:
    exportFromTime: "$(rfc3339 "$from")"
    exportToTime: "$(rfc3339 "$to")"
    exportViewType: NEW_AND_OLD_IMAGES
EOF
  wait_for_export orders-before-changes
  wait_for_export orders-changes
  kubectl -n "$E2E_NAMESPACE" get tableexports
  end_group
  verify_export orders-before-changes DYNAMODB_JSON exports/before-changes "$ITEM_COUNT" FULL_EXPORT
  check_seeded_items_json orders-before-changes
  expect_equal "orders-before-changes status.exportTime" \
    "$(epoch_of "$(tex_get orders-before-changes '{.status.exportTime}')")" "$before"
  verify_export orders-changes DYNAMODB_JSON exports/changes \
    "$((CHANGED_UPDATES + CHANGED_INSERTS + CHANGED_DELETES))" INCREMENTAL_EXPORT
  check_incremental_records orders-changes
}

main() {
  require_tools
  WORK_DIR=$(mktemp -d)
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # The cluster's kubeconfig only: this run never touches the caller's current context.
  export KUBECONFIG="$WORK_DIR/kubeconfig"

  build_images
  create_cluster
  create_namespaces
  deploy_backends
  port_forward dynamodb-local 8000 DYNAMODB_URL
  port_forward minio 9000 S3_URL
  configure_aws_cli
  wait_until 60 "bucket $BUCKET to be created in MinIO" bucket_ready
  seed_table
  install_chart
  start_backup
  run_full_exports
  run_point_in_time_exports
  kubectl -n "$E2E_NAMESPACE" wait --for=condition=Degraded=false --timeout=60s continuousbackup/orders
  group "Summary"
  kubectl -n "$E2E_NAMESPACE" get continuousbackups,tableexports
  end_group
}

# Sourced (by a test of these functions), it only defines them.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi

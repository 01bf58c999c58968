{{/* The release's full name: the release name alone when it already holds the chart's. */}}
{{- define "tableexport.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "tableexport.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tableexport.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "tableexport.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tableexport.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "tableexport.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{- define "tableexport.subjects" -}}
- kind: ServiceAccount
  name: {{ include "tableexport.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}

{{/* Where runner pods run, as JSON: the watched namespaces (else the release's) and runner.namespaces. */}}
{{- define "tableexport.runnerNamespaces" -}}
{{- concat (.Values.watchNamespaces | default (list .Release.Namespace)) .Values.runner.namespaces | uniq | toJson }}
{{- end }}

{{/* The Secret holding AWS credentials, if any: an existing one, or the one the chart creates. */}}
{{- define "tableexport.credentialsSecret" -}}
{{- with .Values.aws.credentials }}
{{- if .existingSecret }}
{{- .existingSecret }}
{{- else if .accessKeyId }}
{{- printf "%s-aws-credentials" (include "tableexport.fullname" $) }}
{{- end }}
{{- end }}
{{- end }}

{{/* The operator's rules wherever it reconciles, each verb one its code (or JOSDK's) uses: see the chart's README. */}}
{{- define "tableexport.rules" -}}
- apiGroups: [tableexport.dev]
  resources: [tableexports]
  verbs: [list, watch, delete, create]
- apiGroups: [tableexport.dev]
  resources: [continuousbackups]
  verbs: [list, watch, patch]
- apiGroups: [tableexport.dev]
  resources: [tableexportschedules]
  verbs: [list, watch]
- apiGroups: [tableexport.dev]
  resources: [tableexports/status, continuousbackups/status, tableexportschedules/status]
  verbs: [patch]
- apiGroups: [tableexport.dev]
  resources:
    - tableexports/finalizers
    - continuousbackups/finalizers
    - tableexportschedules/finalizers
  verbs: [update]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, patch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, update]
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [serviceaccounts]
  resourceNames: [{{ .Values.runner.serviceAccount.name | quote }}]
  verbs: [get]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [create]
- apiGroups: [""]
  resources: [configmaps]
  resourceNames: [tableexport-client-tokens]
  verbs: [get, update]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- end }}

{{/*
The flags runner.tuning adds to every export runner, as the JSON array the operator reads from
TABLEEXPORT_RUNNER_EXPORT_ARGS; empty when every value is left to the runner's default.
*/}}
{{- define "tableexport-operator.runnerExportArgs" -}}
{{- $t := .Values.runner.tuning -}}
{{- $args := list -}}
{{- range $flag, $value := dict "read-timeout" $t.readTimeout "retry-time" $t.retryTime -}}
{{- if $value }}{{ $args = append $args (printf "--%s=%s" $flag $value) }}{{ end -}}
{{- end -}}
{{- $numbers := dict "retry-attempts" $t.retryAttempts "scan-segments" $t.scanSegments
    "scan-threads" $t.scanThreads "encoder-threads" $t.encoderThreads
    "upload-threads" $t.uploadThreads "max-data-file-mib" $t.maxDataFileMib -}}
{{- range $flag, $value := $numbers -}}
{{- if $value }}{{ $args = append $args (printf "--%s=%d" $flag (int $value)) }}{{ end -}}
{{- end -}}
{{- if $args }}{{ toJson $args }}{{ end -}}
{{- end }}

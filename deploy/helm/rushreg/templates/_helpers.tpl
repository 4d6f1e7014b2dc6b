{{/* Names and labels shared by every resource. */}}
{{- define "rushreg.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "rushreg.baseLabels" -}}
app.kubernetes.io/part-of: rushreg
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "rushreg.labels" -}}
{{ include "rushreg.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The labels of one service's resources: (dict "root" $ "component" "registration-service") */}}
{{- define "rushreg.componentLabels" -}}
{{ include "rushreg.baseLabels" .root }}
{{ include "rushreg.selector" . }}
{{- end -}}

{{/* Selector labels of one service: (dict "root" $ "component" "registration-service") */}}
{{- define "rushreg.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "rushreg.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{ printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .component $tag }}
{{- else -}}
{{ printf "%s:%s" .component $tag }}
{{- end -}}
{{- end -}}

{{- define "rushreg.kafkaName" -}}{{ include "rushreg.name" . }}-kafka{{- end -}}
{{- define "rushreg.kafkaBootstrap" -}}{{ include "rushreg.kafkaName" . }}-kafka-bootstrap:9092{{- end -}}
{{- define "rushreg.postgresName" -}}{{ include "rushreg.name" . }}-postgres{{- end -}}
{{- define "rushreg.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "rushreg.name" .)) -}}
{{- end -}}
{{- define "rushreg.databaseSecretName" -}}
{{- .Values.postgres.existingSecret | default (printf "%s-database" (include "rushreg.name" .)) -}}
{{- end -}}

{{- define "rushreg.publicUrl" -}}
{{- required "publicUrl is required: the public address of the registration-service, e.g. https://rejestracja.example.org" .Values.publicUrl | trimSuffix "/" -}}
{{- end -}}

{{/* The environment every service gets: the broker, logs, JVM options. */}}
{{- define "rushreg.commonEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "rushreg.kafkaBootstrap" . | quote }}
- name: LOG_FORMAT
  value: {{ .Values.logFormat | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- end -}}

{{/* The database of a service: (dict "root" $ "database" "registration") */}}
{{- define "rushreg.databaseEnv" -}}
- name: DATABASE_URL
  value: {{ printf "jdbc:postgresql://%s-rw:5432/%s" (include "rushreg.postgresName" .root) .database | quote }}
- name: DATABASE_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ include "rushreg.databaseSecretName" .root }}, key: username}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ include "rushreg.databaseSecretName" .root }}, key: password}
{{- end -}}

{{/* Extra variables of a service from its env map, sorted by name. */}}
{{- define "rushreg.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Probes on the management port: a restart only when the process is broken, no traffic while not ready. */}}
{{- define "rushreg.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}

{{- define "rushreg.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
fsGroup: 10001
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{- define "rushreg.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
{{- end -}}

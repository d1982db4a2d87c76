{{/* vim: set filetype=mustache: */}}

{{/* Chart name, overridable. */}}
{{- define "tsunagu.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* `<release>-<chart>` (or the release name when it already contains the chart name), at most 63 chars. */}}
{{- define "tsunagu.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's resources: `<fullname>-<component>`. Call with (dict "root" $ "component" "registry"). */}}
{{- define "tsunagu.componentName" -}}
{{- printf "%s-%s" (include "tsunagu.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-") .component -}}
{{- end -}}

{{- define "tsunagu.namespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{- define "tsunagu.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "registry"). Never change these: selectors are immutable. */}}
{{- define "tsunagu.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tsunagu.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Full label set of one component. Call with (dict "root" $ "component" "registry"). */}}
{{- define "tsunagu.labels" -}}
helm.sh/chart: {{ include "tsunagu.chart" .root }}
{{ include "tsunagu.selectorLabels" . }}
app.kubernetes.io/part-of: tsunagu
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels every Tsunagu pod of this release carries; NetworkPolicies admit traffic from them. */}}
{{- define "tsunagu.peerLabels" -}}
app.kubernetes.io/name: {{ include "tsunagu.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tsunagu.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tsunagu.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
One service's effective settings: serviceDefaults overlaid by services.<name>, as a YAML string
(use `include "tsunagu.service" (dict "root" $ "name" $name) | fromYaml`).
*/}}
{{- define "tsunagu.service" -}}
{{- $entry := index .root.Values.services .name | default dict -}}
{{- $merged := mustMergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $entry) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Names of the enabled services, sorted, as a JSON list (use `| fromJsonArray`). */}}
{{- define "tsunagu.enabledServices" -}}
{{- $names := list -}}
{{- range $name := keys .Values.services | sortAlpha -}}
{{- $svc := include "tsunagu.service" (dict "root" $ "name" $name) | fromYaml -}}
{{- if $svc.enabled -}}
{{- $names = append $names $name -}}
{{- end -}}
{{- end -}}
{{- toJson $names -}}
{{- end -}}

{{/* Image reference. Call with (dict "root" $ "image" $svc.image "component" "registry"). */}}
{{- define "tsunagu.image" -}}
{{- $g := .root.Values.global.image -}}
{{- $repository := .image.repository | default (printf "%s/%s%s" $g.repositoryPrefix ($g.namePrefix | default "") .component) -}}
{{- $ref := $repository -}}
{{- if $g.registry -}}
{{- $ref = printf "%s/%s" $g.registry $repository -}}
{{- end -}}
{{- $tag := .image.tag | default $g.tag | default .root.Chart.AppVersion | toString -}}
{{- if .image.digest -}}
{{- printf "%s:%s@%s" $ref $tag .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref $tag -}}
{{- end -}}
{{- end -}}

{{/*
Environment of a service container (and of its migration Job). Call with (dict "root" $ "name" $name "svc" $svc).
Secrets only by reference: DATABASE_URL, the service's own NATS user (NATS_USER, NATS_PASSWORD) and NATS_URL when it
carries credentials come from existing Secrets.
With "migration" true (the migration Job) it adds DATABASE_MIGRATION_URL, the owner role's URL, when one is configured:
the services themselves never get the owner's credentials (ADR 0012).
*/}}
{{- define "tsunagu.env" -}}
{{- $v := .root.Values -}}
- name: NODE_ENV
  value: {{ $v.nodeEnv | quote }}
- name: HOST
  value: "0.0.0.0"
- name: PORT
  value: "3000"
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .svc.database.existingSecret | default $v.database.existingSecret | quote }}
      key: {{ .svc.database.existingSecretKey | default $v.database.existingSecretKey | quote }}
{{- $migrationSecret := .svc.database.migrationExistingSecret | default $v.database.migration.existingSecret }}
{{- if and .migration $migrationSecret }}
- name: DATABASE_MIGRATION_URL
  valueFrom:
    secretKeyRef:
      name: {{ $migrationSecret | quote }}
      key: {{ .svc.database.migrationExistingSecretKey | default $v.database.migration.existingSecretKey | quote }}
{{- end }}
- name: DATABASE_POOL_MAX
  value: {{ $v.database.poolMax | quote }}
{{- if $v.nats.existingSecret }}
- name: NATS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $v.nats.existingSecret | quote }}
      key: {{ $v.nats.existingSecretKey | quote }}
{{- else }}
- name: NATS_URL
  value: {{ $v.nats.url | quote }}
{{- end }}
{{- with $v.nats.users.existingSecret }}
- name: NATS_USER
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ printf "%s-user" $.name | quote }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ printf "%s-password" $.name | quote }}
{{- end }}
- name: NATS_STREAM
  value: {{ $v.nats.stream | quote }}
- name: NATS_STREAM_REPLICAS
  value: {{ $v.nats.streamReplicas | quote }}
- name: NATS_REQUEST_TIMEOUT_MS
  value: {{ $v.nats.requestTimeoutMs | quote }}
- name: OIDC_ISSUER
  value: {{ $v.oidc.issuer | quote }}
- name: OIDC_AUDIENCE
  value: {{ $v.oidc.audience | quote }}
{{- with $v.oidc.jwksUri }}
- name: OIDC_JWKS_URI
  value: {{ . | quote }}
{{- end }}
- name: MUNICIPALITY
  value: {{ $v.municipality | quote }}
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
{{- if $v.audit.existingSecret }}
- name: AUDIT_CHECKPOINT_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.audit.existingSecret | quote }}
      key: {{ $v.audit.existingSecretKey | quote }}
{{- end }}
- name: AUDIT_SEAL_INTERVAL_MS
  value: {{ $v.audit.sealIntervalMs | quote }}
- name: AUDIT_CHECKPOINT_INTERVAL_SECONDS
  value: {{ $v.audit.checkpointIntervalSeconds | quote }}
{{- /* Each key only where it is used: the publishers stamp pseudonyms, reporting signs closed years. */}}
{{- if has .name (list "intake" "outreach" "matching") }}
- name: REPORTING_PSEUDONYM_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.reportingKeys.existingSecret | quote }}
      key: {{ $v.reportingKeys.pseudonymKey | quote }}
{{- end }}
{{- if eq .name "reporting" }}
- name: REPORTING_SNAPSHOT_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.reportingKeys.existingSecret | quote }}
      key: {{ $v.reportingKeys.snapshotKey | quote }}
{{- end }}
{{- with $v.otel.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: SHUTDOWN_DRAIN_MS
  value: {{ $v.shutdownDrainMs | quote }}
- name: DEMO_DATA
  value: {{ $v.demoData | quote }}
{{- include "tsunagu.tlsEnv" .root }}
{{- range $key := keys $v.extraEnv | sortAlpha }}
- name: {{ $key }}
  value: {{ index $v.extraEnv $key | quote }}
{{- end }}
{{- range $key := keys $v.extraEnvFromSecrets | sortAlpha }}
{{- $ref := index $v.extraEnvFromSecrets $key }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.name | quote }}
      key: {{ $ref.key | quote }}
{{- end }}
{{- range $key := keys .svc.env | sortAlpha }}
- name: {{ $key }}
  value: {{ index $.svc.env $key | quote }}
{{- end }}
{{- end -}}

{{/*
The console's /console-config.json (console.oidc; an empty authority = oidc.issuer; the city desk of intake's
CITY_DESK_ORGANIZATION_ID). Rendered into the
ConfigMap and hashed into the pod annotation, so a change rolls the console pods.
*/}}
{{- define "tsunagu.consoleConfig" -}}
{{- $o := .Values.console.oidc | default dict -}}
{{- $config := dict "oidcAuthority" ($o.authority | default .Values.oidc.issuer) "oidcClientId" ($o.clientId | default "tsunagu-console") "oidcScope" ($o.scope | default "openid profile tsunagu") -}}
{{- /* The city's own desk, where city staff's new records start (the services' CITY_DESK_ORGANIZATION_ID). */ -}}
{{- $intake := (.Values.services.intake | default dict) -}}
{{- $desk := index ($intake.env | default dict) "CITY_DESK_ORGANIZATION_ID" | default (index (.Values.serviceDefaults.env | default dict) "CITY_DESK_ORGANIZATION_ID") | default (index (.Values.extraEnv | default dict) "CITY_DESK_ORGANIZATION_ID") -}}
{{- if $desk }}{{ $_ := set $config "cityDeskOrganizationId" $desk }}{{ end -}}
{{- toPrettyJson $config -}}
{{- end }}

{{/*
The console's response headers as nginx add_header lines (mounted over the image's security-headers.inc): the
policy of the local edge (deploy/local/edge.cjs) with the OIDC authority's origin in connect-src.
*/}}
{{- define "tsunagu.consoleSecurityHeaders" -}}
{{- $h := .Values.console.securityHeaders | default dict -}}
{{- $authority := urlParse ((.Values.console.oidc | default dict).authority | default .Values.oidc.issuer) -}}
{{- $connect := list "'self'" (printf "%s://%s" $authority.scheme $authority.host) -}}
{{- range ($h.connectSrc | default list) }}{{ $connect = append $connect . }}{{ end -}}
{{- $csp := list "default-src 'self'" "script-src 'self'" "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='" "img-src 'self' data:" "font-src 'self' data:" (printf "connect-src %s" (join " " (uniq $connect))) "object-src 'none'" "base-uri 'self'" "form-action 'self'" "frame-ancestors 'none'" -}}
# Rendered by the Helm chart (console.securityHeaders); included in every location of the console's nginx.
# No inline script; style-src allows only empty inline <style> (sha256 of ""), which MUI's emotion fills via the CSSOM.
add_header Content-Security-Policy "{{ join "; " $csp }}" always;
{{- with $h.hsts }}
add_header Strict-Transport-Security "{{ . }}" always;
{{- end }}
add_header X-Content-Type-Options "nosniff" always;
add_header X-Frame-Options "DENY" always;
add_header Referrer-Policy "no-referrer" always;
add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
{{- end }}

{{/* The writable /tmp every pod gets (the root filesystem is read-only). */}}
{{- define "tsunagu.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolumeSizeLimit }}
{{- end -}}

{{- define "tsunagu.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Spread replicas over nodes (or zones). Call with (dict "root" $ "component" "registry"). */}}
{{- define "tsunagu.topologySpread" -}}
{{- if .root.Values.topologySpread.enabled -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: {{ .root.Values.topologySpread.topologyKey }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "tsunagu.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/* A NetworkPolicy peer from label maps, as a one-element YAML list. Call with a map of namespaceLabels/podLabels. */}}
{{- define "tsunagu.selectorPeer" -}}
{{- $peer := dict -}}
{{- with .namespaceLabels }}{{ $_ := set $peer "namespaceSelector" (dict "matchLabels" .) }}{{ end -}}
{{- with .podLabels }}{{ $_ := set $peer "podSelector" (dict "matchLabels" .) }}{{ end -}}
{{- toYaml (list $peer) -}}
{{- end -}}

{{/*
One NetworkPolicy egress rule towards a named destination. Call with (dict "target" $target).
No selectors and no CIDRs = any destination, but only on these ports.
*/}}
{{- define "tsunagu.egressRule" -}}
- ports:
  {{- range .target.ports }}
    - protocol: TCP
      port: {{ . }}
  {{- end }}
  {{- if or .target.namespaceLabels .target.podLabels .target.cidrs }}
  to:
    {{- if or .target.namespaceLabels .target.podLabels }}
    {{- include "tsunagu.selectorPeer" .target | nindent 4 }}
    {{- end }}
    {{- range .target.cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  {{- end }}
{{- end -}}

{{/* DNS egress (UDP and TCP 53) to the cluster DNS. */}}
{{- define "tsunagu.dnsEgressRule" -}}
{{- $dns := .Values.networkPolicy.egress.dns -}}
- ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
  {{- if or $dns.namespaceLabels $dns.podLabels }}
  to:
    {{- include "tsunagu.selectorPeer" $dns | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* Ingress sources every component accepts: the ingress controller and this release's own pods (and Prometheus when enabled). */}}
{{- define "tsunagu.ingressFrom" -}}
- from:
    {{- include "tsunagu.selectorPeer" .root.Values.networkPolicy.ingressController | nindent 4 }}
    - podSelector:
        matchLabels:
          {{- include "tsunagu.peerLabels" .root | nindent 10 }}
  ports:
    - protocol: TCP
      port: {{ .port }}
{{- $m := .root.Values.networkPolicy.metrics -}}
{{- if and $m.enabled .metrics }}
- from:
    {{- include "tsunagu.selectorPeer" $m | nindent 4 }}
  ports:
    - protocol: TCP
      port: {{ .port }}
{{- end }}
{{- end -}}

{{/*
Checks the schema cannot express. Each failure names the value and says what to do.
*/}}
{{- define "tsunagu.validateValues" -}}
{{- $v := .Values -}}
{{- $errors := list -}}
{{- $enabled := include "tsunagu.enabledServices" . | fromJsonArray -}}
{{- if and (not $enabled) (not $v.console.enabled) -}}
{{- $errors = append $errors "nothing to deploy: enable at least one entry of `services` or `console.enabled`" -}}
{{- end -}}
{{- $ic := $v.networkPolicy.ingressController -}}
{{- if and $v.networkPolicy.enabled (not (or $ic.namespaceLabels $ic.podLabels)) -}}
{{- $errors = append $errors "networkPolicy.ingressController: set namespaceLabels and/or podLabels of the ingress controller, or no traffic reaches Tsunagu" -}}
{{- end -}}
{{- $m := $v.networkPolicy.metrics -}}
{{- if and $v.networkPolicy.enabled $m.enabled (not (or $m.namespaceLabels $m.podLabels)) -}}
{{- $errors = append $errors "networkPolicy.metrics: set namespaceLabels and/or podLabels of Prometheus (an empty selector would admit every pod)" -}}
{{- end -}}
{{- if and $v.demoData (eq $v.nodeEnv "production") -}}
{{- $errors = append $errors "demoData: true is refused with nodeEnv: production (demo people must never reach a municipality's database)" -}}
{{- end -}}
{{- if not $v.oidc.issuer -}}
{{- $errors = append $errors "oidc.issuer is required: the URL of the city's OpenID Connect issuer (docs/operations/oidc.md)" -}}
{{- end -}}
{{- /* After the drain a service gives requests still running 5 s (SHUTDOWN_CLOSE_TIMEOUT_MS in service-app.ts). */ -}}
{{- if ge (add (int $v.shutdownDrainMs) 5000) (mul (int $v.terminationGracePeriodSeconds) 1000) -}}
{{- $errors = append $errors (printf "shutdownDrainMs (%v) plus the 5 s a service gives running requests must be shorter than terminationGracePeriodSeconds (%v s), or pods are killed while draining" $v.shutdownDrainMs $v.terminationGracePeriodSeconds) -}}
{{- end -}}
{{- if and (not $v.reportingKeys.existingSecret) (or (has "intake" $enabled) (has "outreach" $enabled) (has "matching" $enabled) (has "reporting" $enabled)) -}}
{{- $errors = append $errors "reportingKeys.existingSecret is required: intake, outreach and matching need REPORTING_PSEUDONYM_KEY and reporting REPORTING_SNAPSHOT_KEY to start (docs/operations/reporting-keys.md)" -}}
{{- end -}}
{{- range $name := $enabled -}}
{{- $svc := include "tsunagu.service" (dict "root" $ "name" $name) | fromYaml -}}
{{- if not ($svc.database.existingSecret | default $v.database.existingSecret) -}}
{{- $errors = append $errors (printf "services.%s: no Secret for DATABASE_URL: set database.existingSecret (or services.%s.database.existingSecret) to an existing Secret" $name $name) -}}
{{- end -}}
{{- $r := $svc.probes.readiness -}}
{{- $window := mul (int $r.periodSeconds) (int $r.failureThreshold) 1000 -}}
{{- if le (int $v.shutdownDrainMs) (int $window) -}}
{{- $errors = append $errors (printf "shutdownDrainMs (%v) must exceed services.%s.probes.readiness periodSeconds × failureThreshold (%v ms) so the pod leaves the Service before it stops accepting connections" $v.shutdownDrainMs $name $window) -}}
{{- end -}}
{{- if and $svc.autoscaling.enabled (gt (int $svc.autoscaling.minReplicas) (int $svc.autoscaling.maxReplicas)) -}}
{{- $errors = append $errors (printf "services.%s.autoscaling: minReplicas (%v) is greater than maxReplicas (%v)" $name $svc.autoscaling.minReplicas $svc.autoscaling.maxReplicas) -}}
{{- end -}}
{{- if eq ($svc.image.tag | default $v.global.image.tag | toString) "latest" -}}
{{- if not $svc.image.digest -}}
{{- $errors = append $errors (printf "services.%s: the image tag `latest` is mutable; use a release tag or set image.digest" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\n\nInvalid values for the tsunagu chart:\n  - %s\n" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}

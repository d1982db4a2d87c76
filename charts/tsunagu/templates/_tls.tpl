{{/*
TLS to everything outside the pod: PostgreSQL, NATS, the IdP's JWKS and the OTLP collector (values `tls.*`).
The data is 要配慮個人情報: with nodeEnv production the chart refuses a plain connection it can see, unless
tls.allowPlaintext says a service mesh encrypts pod traffic instead.
*/}}

{{/* Environment read by node-postgres and Node itself (not by the services' config): PGSSLMODE, NODE_EXTRA_CA_CERTS. */}}
{{- define "tsunagu.tlsEnv" -}}
{{- $t := .Values.tls -}}
{{- with $t.databaseSslMode }}
{{- /* node-postgres reads PGSSLMODE for every connection whose URL has no sslmode of its own; the chart cannot see the URL in the Secret. */}}
- name: PGSSLMODE
  value: {{ . | quote }}
{{- end }}
{{- if $t.caBundle.existingConfigMap }}
- name: NODE_EXTRA_CA_CERTS
  value: {{ printf "/etc/tsunagu/ca/%s" $t.caBundle.key | quote }}
{{- end }}
{{- end -}}

{{- define "tsunagu.caVolume" -}}
{{- with .Values.tls.caBundle.existingConfigMap }}
- name: ca-bundle
  configMap:
    name: {{ . | quote }}
    items:
      - key: {{ $.Values.tls.caBundle.key | quote }}
        path: {{ $.Values.tls.caBundle.key | quote }}
{{- end }}
{{- end -}}

{{- define "tsunagu.caVolumeMount" -}}
{{- if .Values.tls.caBundle.existingConfigMap }}
- name: ca-bundle
  mountPath: /etc/tsunagu/ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* Plain connections the chart can see. Returns a JSON list of findings (empty = only TLS). */}}
{{- define "tsunagu.plainConnections" -}}
{{- $v := .Values -}}
{{- $found := list -}}
{{- if ne $v.tls.databaseSslMode "verify-full" -}}
{{- $found = append $found (printf "tls.databaseSslMode is %q: PostgreSQL must be reached with verify-full (TLS, certificate and host name checked)" $v.tls.databaseSslMode) -}}
{{- end -}}
{{- if $v.nats.existingSecret -}}
{{- if not $v.tls.natsSecretUrlUsesTls -}}
{{- $found = append $found "tls.natsSecretUrlUsesTls is false: the NATS URL in nats.existingSecret must use tls:// (the chart cannot read the Secret; set this to true once it does)" -}}
{{- end -}}
{{- else -}}
{{- range $server := splitList "," $v.nats.url -}}
{{- if not (hasPrefix "tls://" (trim $server)) -}}
{{- $found = append $found (printf "nats.url %q is not tls://: the services would talk to NATS in plain text" (trim $server)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if not (hasPrefix "https://" $v.oidc.issuer) -}}
{{- $found = append $found (printf "oidc.issuer %q is not https://" $v.oidc.issuer) -}}
{{- end -}}
{{- if and $v.oidc.jwksUri (not (hasPrefix "https://" $v.oidc.jwksUri)) -}}
{{- $found = append $found (printf "oidc.jwksUri %q is not https://: signing keys fetched in plain text can be replaced on the way" $v.oidc.jwksUri) -}}
{{- end -}}
{{- $authority := (($v.console.oidc | default dict).authority | default "") -}}
{{- if and $authority (not (hasPrefix "https://" $authority)) -}}
{{- $found = append $found (printf "console.oidc.authority %q is not https://" $authority) -}}
{{- end -}}
{{- if and $v.otel.endpoint (not (hasPrefix "https://" $v.otel.endpoint)) -}}
{{- $found = append $found (printf "otel.endpoint %q is not https://" $v.otel.endpoint) -}}
{{- end -}}
{{- toJson $found -}}
{{- end -}}

{{/* Fails with nodeEnv production when a connection is plain and tls.allowPlaintext is false. */}}
{{- define "tsunagu.validateTls" -}}
{{- if and (eq .Values.nodeEnv "production") (not .Values.tls.allowPlaintext) -}}
{{- $found := include "tsunagu.plainConnections" . | fromJsonArray -}}
{{- if $found -}}
{{- fail (printf "\n\nPlain connections refused with nodeEnv: production (the data is 要配慮個人情報):\n  - %s\nUse TLS (docs/operations/install.md § TLS), or set tls.allowPlaintext: true only where a service mesh encrypts all pod traffic.\n" (join "\n  - " $found)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

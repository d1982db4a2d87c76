{{/* Monitoring values that do not fit together (called from validate-values.yaml). */}}
{{- define "tsunagu.validateMonitoring" -}}
{{- $m := .Values.monitoring -}}
{{- $np := .Values.networkPolicy -}}
{{- if and $m.serviceMonitor.enabled $np.enabled (not $np.metrics.enabled) -}}
{{- fail "\n\nmonitoring.serviceMonitor.enabled needs networkPolicy.metrics.enabled (with Prometheus's namespace and pod labels): the services' NetworkPolicies would refuse the scrapes.\n" -}}
{{- end -}}
{{- if and $m.grafanaDashboard.enabled (not $m.grafanaDashboard.labels) -}}
{{- fail "\n\nmonitoring.grafanaDashboard.labels is empty: the Grafana sidecar finds dashboards by label (kube-prometheus-stack: grafana_dashboard: \"1\").\n" -}}
{{- end -}}
{{- end -}}

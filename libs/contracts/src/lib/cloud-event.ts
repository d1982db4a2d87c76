/** CloudEvents 1.0 structured-mode envelope, plus the tenant as an extension attribute. */
export interface CloudEvent<TData = unknown> {
  specversion: '1.0';
  /** UUIDv7; also the JetStream `Nats-Msg-Id` used for de-duplication. */
  id: string;
  source: string;
  type: string;
  /** Aggregate id the event is about. */
  subject: string;
  /** ISO 8601 UTC. */
  time: string;
  datacontenttype: 'application/json';
  /** 全国地方公共団体コード of the municipality that owns the aggregate. */
  municipality: string;
  data: TData;
}

/** NATS headers the platform sets on every event and RPC message. */
export const MESSAGE_HEADERS = {
  messageId: 'Nats-Msg-Id',
  /** The owning municipality on events; on RPC requests the caller's, which the handler runs as (ADR 0015). */
  municipality: 'tsunagu-municipality',
  /** The caller's request id on RPC requests, for correlating logs. */
  requestId: 'tsunagu-request-id',
  eventType: 'ce-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

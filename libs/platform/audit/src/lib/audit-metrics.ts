import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { AuditService } from './audit.service';

const NAME = 'tsunagu_audit_checkpoint_age_seconds';
let source: (() => Promise<number>) | undefined;

/** One gauge per process (prom-client's default registry, served at /metrics), read from PostgreSQL when scraped. */
function checkpointAgeGauge(): Gauge {
  return (
    (register.getSingleMetric(NAME) as Gauge | undefined) ??
    new Gauge({
      name: NAME,
      help: 'Seconds the oldest audit record not covered by a signed checkpoint has waited (0 when all are covered). Grows while no sealer checkpoints, e.g. without AUDIT_CHECKPOINT_KEY.',
      async collect() {
        if (!source) return;
        try {
          this.set(await source());
        } catch {
          // A failed scrape keeps the last value; /readyz reports the database.
        }
      },
    })
  );
}

/** Exposes how long records wait for a checkpoint, so an alert catches checkpoints that stopped (PrometheusRule TsunaguAuditCheckpointAge). */
@Injectable()
export class AuditMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly read = () => this.audit.checkpointAgeSeconds();

  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    checkpointAgeGauge();
    source = this.read;
  }

  onModuleDestroy(): void {
    if (source === this.read) source = undefined;
  }
}

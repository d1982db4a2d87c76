import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ConsultationCancelled,
  ConsultationClosed,
  ConsultationReceived,
  ConsultationScreeningStarted,
  ConsultationTriaged,
  ConsultationUpdated,
  DistrictRegistered,
  DistrictUpdated,
  HouseholdRegistered,
  HouseholdUpdated,
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralFailed,
  ReferralRequested,
  ResourcePublished,
  ResourceRegistered,
  ResourceResumed,
  ResourceRetired,
  ResourceSuspended,
  ResourceUpdated,
  ResourceVerified,
  type CloudEvent,
} from '@tsunagu/contracts';
import { JetStreamContext } from '@tsunagu/platform-messaging';
import { ProjectEventUseCase } from './project-event.usecase';

/**
 * One durable JetStream consumer per subject (the transport's model); every handler delegates to the same
 * use case, which writes through `ctx.em` so the projection and the inbox row commit together.
 */
@Controller()
export class ProjectionHandlers {
  constructor(private readonly project: ProjectEventUseCase) {}

  @EventPattern(ResourceRegistered.subject)
  resourceRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceRegistered.subject, event, ctx);
  }

  @EventPattern(ResourceUpdated.subject)
  resourceUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceUpdated.subject, event, ctx);
  }

  @EventPattern(ResourcePublished.subject)
  resourcePublished(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourcePublished.subject, event, ctx);
  }

  @EventPattern(ResourceSuspended.subject)
  resourceSuspended(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceSuspended.subject, event, ctx);
  }

  @EventPattern(ResourceResumed.subject)
  resourceResumed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceResumed.subject, event, ctx);
  }

  @EventPattern(ResourceRetired.subject)
  resourceRetired(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceRetired.subject, event, ctx);
  }

  @EventPattern(ResourceVerified.subject)
  resourceVerified(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ResourceVerified.subject, event, ctx);
  }

  @EventPattern(DistrictRegistered.subject)
  districtRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(DistrictRegistered.subject, event, ctx);
  }

  @EventPattern(DistrictUpdated.subject)
  districtUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(DistrictUpdated.subject, event, ctx);
  }

  @EventPattern(HouseholdRegistered.subject)
  householdRegistered(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(HouseholdRegistered.subject, event, ctx);
  }

  @EventPattern(HouseholdUpdated.subject)
  householdUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(HouseholdUpdated.subject, event, ctx);
  }

  @EventPattern(ConsultationReceived.subject)
  consultationReceived(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationReceived.subject, event, ctx);
  }

  @EventPattern(ConsultationUpdated.subject)
  consultationUpdated(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationUpdated.subject, event, ctx);
  }

  @EventPattern(ConsultationScreeningStarted.subject)
  consultationScreeningStarted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationScreeningStarted.subject, event, ctx);
  }

  @EventPattern(ConsultationTriaged.subject)
  consultationTriaged(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationTriaged.subject, event, ctx);
  }

  @EventPattern(ConsultationClosed.subject)
  consultationClosed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationClosed.subject, event, ctx);
  }

  @EventPattern(ConsultationCancelled.subject)
  consultationCancelled(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ConsultationCancelled.subject, event, ctx);
  }

  @EventPattern(ReferralRequested.subject)
  referralRequested(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralRequested.subject, event, ctx);
  }

  @EventPattern(ReferralAccepted.subject)
  referralAccepted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralAccepted.subject, event, ctx);
  }

  @EventPattern(ReferralDeclined.subject)
  referralDeclined(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralDeclined.subject, event, ctx);
  }

  @EventPattern(ReferralCompleted.subject)
  referralCompleted(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralCompleted.subject, event, ctx);
  }

  @EventPattern(ReferralFailed.subject)
  referralFailed(@Payload() event: CloudEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.project.execute(ReferralFailed.subject, event, ctx);
  }
}

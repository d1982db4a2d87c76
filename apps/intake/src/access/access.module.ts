import { Global, Module } from '@nestjs/common';
import { EmergencyAccessController } from './emergency-access.controller';
import { EmergencyAccessReviewUseCase, GrantEmergencyAccessUseCase } from './emergency-access.usecase';
import { PersonVisibility } from './person-visibility';

/** Who sees which person (relationships of their desk, city-wide roles, emergency access): used by every intake context. */
@Global()
@Module({
  controllers: [EmergencyAccessController],
  providers: [PersonVisibility, GrantEmergencyAccessUseCase, EmergencyAccessReviewUseCase],
  exports: [PersonVisibility],
})
export class AccessModule {}

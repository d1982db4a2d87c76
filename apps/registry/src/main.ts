import './instrumentation';
import { loadConfig } from '@tsunagu/platform-config';
import { createServiceApp, listen } from '@tsunagu/platform-http';
import { AppModule } from './app.module';
import { registryVariables } from './config';

async function bootstrap(): Promise<void> {
  const config = loadConfig(registryVariables);
  const app = await createServiceApp(AppModule, {
    service: 'registry',
    title: 'Tsunagu registry API (地域資源)',
    description: 'Districts, organisations, community resources, coordinators and councils (地域づくり事業 / 生活支援体制整備事業).',
  });
  await listen(app, config.HOST, config.PORT, config.SHUTDOWN_DRAIN_MS);
}

void bootstrap();

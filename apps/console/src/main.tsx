import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { completeLoginIfCallback, createAuthProvider, createUserManager, defaultOidcSettings, startAtLoginIfSignedOut } from './providers/authProvider';
import { createDataProvider } from './providers/dataProvider';
import { loadRuntimeConfig } from './providers/runtimeConfig';

async function start() {
  // The deployment's OIDC settings (/console-config.json), before anything talks to the idp.
  const runtimeConfig = await loadRuntimeConfig();
  const userManager = createUserManager(defaultOidcSettings(runtimeConfig));
  // The idp sends the browser back to /callback?code=…: finish the login before react-admin routes.
  const signedIn = await completeLoginIfCallback(userManager);
  await startAtLoginIfSignedOut(userManager);
  const authProvider = createAuthProvider(userManager, { cityDeskOrganizationId: runtimeConfig?.cityDeskOrganizationId });
  const dataProvider = createDataProvider({ apiUrl: '/api', getAccessToken: authProvider.getAccessToken });
  // 職員名簿: colleagues see this user by name on the records they write. Never blocks the sign-in (an IdP without the
  // `name` claim in access tokens answers 400; the records then show the login id).
  if (signedIn) dataProvider.recordStaffSignIn().catch((error: unknown) => console.warn('staff directory: sign-in not recorded', error));
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <App authProvider={authProvider} dataProvider={dataProvider} />
    </StrictMode>,
  );
}

void start();

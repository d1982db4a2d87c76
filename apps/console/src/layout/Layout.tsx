import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LocalesMenuButton, TitlePortal } from 'react-admin';
import { LoadingIndicator } from './LoadingIndicator';
import { CalendarToggle } from './CalendarToggle';
import { ScreenTracker } from './AccessDenied';
import { Menu } from './Menu';
import { UserMenu } from './UserMenu';

function TsunaguAppBar() {
  return (
    <AppBar
      userMenu={<UserMenu />}
      toolbar={
        <>
          <CalendarToggle />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
    </AppBar>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout appBar={TsunaguAppBar} menu={Menu}>
      <ScreenTracker />
      {children}
    </RaLayout>
  );
}

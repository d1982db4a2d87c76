import { Logout, UserMenu as RaUserMenu, useGetIdentity } from 'react-admin';

/** The user menu named after the signed-in person, so its accessible name contains its visible text. */
export function UserMenu() {
  const { identity } = useGetIdentity();
  return (
    <RaUserMenu label={identity?.fullName ?? 'ra.auth.user_menu'}>
      <Logout />
    </RaUserMenu>
  );
}

import { Controller, Get, NotFoundException, Post } from '@nestjs/common';
import { Public } from '@pledgebook/nest';

/** With an external OIDC issuer the gateway keeps no accounts: these routes say where to sign in. */
@Controller()
export class OidcModeController {
  @Public()
  @Post('api/v1/auth/login')
  login(): never {
    throw new NotFoundException('local accounts are off: sign in with the identity provider and send its token as a bearer token');
  }

  @Public()
  @Post(['api/v1/auth/refresh', 'api/v1/auth/logout', 'api/v1/auth/password'])
  session(): never {
    throw new NotFoundException('local accounts are off: sessions and passwords are the identity provider\'s');
  }

  @Get('api/v1/bureaus/:bureauId/accounts')
  list(): never {
    throw new NotFoundException('local accounts are off: accounts are managed in the identity provider');
  }

  @Post(['api/v1/bureaus/:bureauId/accounts', 'api/v1/bureaus/:bureauId/accounts/bulk'])
  create(): never {
    throw new NotFoundException('local accounts are off: accounts are managed in the identity provider');
  }

  @Post(['api/v1/bureaus/:bureauId/accounts/:username/disable', 'api/v1/bureaus/:bureauId/accounts/:username/enable', 'api/v1/bureaus/:bureauId/accounts/:username/password-reset'])
  disable(): never {
    throw new NotFoundException('local accounts are off: accounts are managed in the identity provider');
  }
}

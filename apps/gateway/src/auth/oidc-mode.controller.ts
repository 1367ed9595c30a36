import { Controller, NotFoundException, Post } from '@nestjs/common';
import { Public } from '@pledgebook/nest';

/** With an external OIDC issuer the gateway keeps no accounts: these routes say where to sign in. */
@Controller()
export class OidcModeController {
  @Public()
  @Post('api/v1/auth/login')
  login(): never {
    throw new NotFoundException('local accounts are off: sign in with the identity provider and send its token as a bearer token');
  }

  @Post('api/v1/bureaus/:bureauId/accounts')
  create(): never {
    throw new NotFoundException('local accounts are off: accounts are managed in the identity provider');
  }

  @Post('api/v1/bureaus/:bureauId/accounts/:username/disable')
  disable(): never {
    throw new NotFoundException('local accounts are off: accounts are managed in the identity provider');
  }
}

import { Controller, Get } from '@nestjs/common';
import { Public } from '@pledgebook/nest';

@Public()
@Controller('health')
export class GatewayHealthController {
  @Get('live')
  live() {
    return { status: 'ok', service: 'gateway' };
  }

  @Get('ready')
  ready() {
    return { status: 'ok', service: 'gateway' };
  }
}

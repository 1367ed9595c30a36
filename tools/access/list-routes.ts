// Lists every route of every service with its access declaration, as JSON on stdout. Run as its
// own process (Nest 12 is ES modules, which jest does not load): tools/access-declared.int.spec.ts.
import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { AppraisalFeatureModule } from '@pledgebook/appraisal-feature';
import { BUREAU_ACCESS, IS_PUBLIC, type BureauAccessRule } from '@pledgebook/nest';
import { PledgeFeatureModule } from '@pledgebook/pledge-feature';
import { ReviewFeatureModule } from '@pledgebook/review-feature';
import { RewardFeatureModule } from '@pledgebook/reward-feature';

export interface Route {
  service: string;
  controller: string;
  handler: string;
  method: string;
  path: string;
  access?: BureauAccessRule;
  isPublic: boolean;
}

function routesOf(service: string, module: object): Route[] {
  const controllers = (Reflect.getMetadata('controllers', module) ?? []) as Array<new (...args: never[]) => object>;
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata('path', controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor' && typeof proto[name] === 'function' && Reflect.getMetadata('method', proto[name] as object) !== undefined)
      .map((name) => {
        const fn = proto[name] as object;
        const access = (Reflect.getMetadata(BUREAU_ACCESS, fn) ?? Reflect.getMetadata(BUREAU_ACCESS, controller)) as BureauAccessRule | undefined;
        return {
          service,
          controller: controller.name,
          handler: name,
          method: RequestMethod[Reflect.getMetadata('method', fn) as number] ?? '?',
          path: `/${[base, String(Reflect.getMetadata('path', fn) ?? '')].filter((p) => p && p !== '/').join('/')}`,
          ...(access ? { access } : {}),
          isPublic: Reflect.getMetadata(IS_PUBLIC, fn) === true || Reflect.getMetadata(IS_PUBLIC, controller) === true,
        };
      });
  });
}

const routes: Route[] = [
  ...routesOf('pledge-service', PledgeFeatureModule),
  ...routesOf('review-service', ReviewFeatureModule),
  ...routesOf('appraisal-service', AppraisalFeatureModule),
  ...routesOf('reward-service', RewardFeatureModule),
];


process.stdout.write(JSON.stringify(routes));

export { NoHealthyEndpointError, RoutingError, RoutingInputError } from './errors';
export { createRandom, seedOf } from './random';
export { selectEndpoint } from './strategies';
export {
  ACTIVE_SK,
  type ActiveRoute,
  activeRouteOfItem,
  ENDPOINT_PK,
  endpointOfItem,
  ROUTE_PK,
  readActiveRoute,
  readEndpoints,
  routeFor,
} from './table';
export { type RandomSource, type RouteEndpoint, type SelectOptions, STRATEGIES, type Strategy } from './types';

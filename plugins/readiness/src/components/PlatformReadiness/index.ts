export { PlatformReadiness } from './PlatformReadiness';

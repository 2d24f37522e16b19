export { PlatformMatrix, type ResultMessages } from './PlatformMatrix';

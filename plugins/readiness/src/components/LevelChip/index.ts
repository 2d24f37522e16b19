export { LevelChip, LEVEL_LABELS, levelColor } from './LevelChip';

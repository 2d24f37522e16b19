export {
  describeTrend,
  sparklinePoints,
  TrendSparkline,
} from './TrendSparkline';

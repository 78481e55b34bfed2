// Robots show times in Asia/Shanghai: the formatting is the domain's one
// definition (../../domain/time/shanghai.ts).

export { formatInstantText, formatShanghaiMinute, isIsoInstant } from '../../domain/time/shanghai.ts';

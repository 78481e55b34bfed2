// `npm run eval:judgement [-- --misses]`: precision and recall per label
// over test/fixtures/judgement/ (see judgement-eval.ts).
import { evaluate, formatResult } from './judgement-eval.ts';

process.stdout.write(`${formatResult(evaluate(), process.argv.includes('--misses'))}\n`);

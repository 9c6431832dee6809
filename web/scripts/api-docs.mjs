// Lays out the API explorer in dist/api-docs/ (after vite build): Swagger UI from the npm package
// swagger-ui-dist (its bundle, stylesheet and icon only) and Stoker's own page, script and stylesheet from
// src/main/api-docs/. The dev.stoker.web bundle serves the folder at /api/docs/ (ApiDocsServlet).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(web, 'dist', 'api-docs');
const swagger = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
mkdirSync(out, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE']) {
  copyFileSync(join(swagger, file), join(out, file === 'LICENSE' || file === 'NOTICE' ? `swagger-ui-${file}.txt` : file));
}
const own = join(web, 'src', 'main', 'api-docs');
for (const file of readdirSync(own)) {
  copyFileSync(join(own, file), join(out, file));
}
console.log(`API explorer laid out in ${out}`);

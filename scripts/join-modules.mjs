// Joins the page's ES modules into one script, for the single file (its one
// inline <script type="module">, allowed by its hash): a tiny bundler for the
// plain subset of ES modules that www/ uses, and it fails loudly on anything
// else instead of writing a broken page.
//
//   * imports: `import { a, b as c } from "./relative.js";` only;
//   * exports: `export function|async function|const|class name` only (no
//     `export let`, whose live binding a copy would not follow; no default,
//     no export lists);
//   * each module but the entry becomes `const __m_<path> = (() => { …; return { exports }; })();`
//     in dependency order (each after what it imports; a cycle fails), so
//     that the modules' private names never meet; its imports become
//     `const { a, b: c } = __m_<path>;`;
//   * the entry comes last, at the top level, without its export keywords:
//     its functions and imports are names the code after it can call.
//
//     import { joinModules } from "./join-modules.mjs";
//     const { script, files } = joinModules("www/app.js", { cut: "// @bootstrap-served" });

import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*"(\.\.?\/[^"]+)";[ \t]*\n/gm;
const EXPORT = /^export (?:async function|function|const|class) ([A-Za-z_$][\w$]*)/gm;

class JoinError extends Error {}

function fail(message) {
  throw new JoinError(message);
}

/** `a, b as c` -> [["a", "a"], ["b", "c"]] */
function importedNames(list, where) {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(spec);
      if (!m) fail(`${where}: cannot read the import "${spec}"`);
      return [m[1], m[2] || m[1]];
    });
}

/**
 * One module's source (`file`, named `where` in messages): its imports
 * (resolved paths), its export names and its body (no import/export keywords).
 */
function parseModule(file, where, text) {
  const imports = [];
  let body = text.replace(IMPORT, (_, list, path) => {
    imports.push({ file: resolve(dirname(file), path), names: importedNames(list, where) });
    return "";
  });
  if (/^\s*import\b(?!\s*\()/m.test(body)) fail(`${where}: an import statement that is not \`import { … } from "./….js";\``);
  if (/\bimport\s*\(|\bimport\.meta\b/.test(body)) fail(`${where}: a dynamic import or import.meta, which one script cannot keep`);
  const exports = [...body.matchAll(EXPORT)].map((m) => m[1]);
  body = body.replace(/^export (?=(?:async function|function|const|class) )/gm, "");
  if (/^\s*export\b/m.test(body)) fail(`${where}: an export that is not \`export function|const|class name\``);
  return { file: where, imports, exports, body };
}

/**
 * The script of `entry` and every module it imports, joined (see above).
 * `cut`: a marker line in the entry; it and everything after it are left out.
 * Returns {script, files} (files: the modules, in the order joined).
 */
export function joinModules(entry, { cut = null, read = (f) => readFileSync(f, "utf8") } = {}) {
  const root = dirname(resolve(entry));
  const name = (file) => `__m_${relative(root, file).replace(/[^\w$]/g, "_")}`;
  const modules = new Map();
  const order = [];
  const visiting = new Set();
  const visit = (file, isEntry) => {
    if (modules.has(file)) return modules.get(file);
    if (visiting.has(file)) fail(`an import cycle through ${relative(root, file)}`);
    visiting.add(file);
    let text = read(file).replace(/\r\n?/g, "\n");
    if (isEntry && cut !== null) {
      const at = text.indexOf(cut);
      if (at < 0) fail(`${relative(root, file)} has no ${cut} marker`);
      text = text.slice(0, at);
    }
    const mod = parseModule(file, relative(root, file), text);
    for (const dep of mod.imports) {
      const imported = visit(dep.file, false);
      for (const [exported] of dep.names) {
        if (!imported.exports.includes(exported)) fail(`${mod.file} imports ${exported}, which ${imported.file} does not export`);
      }
    }
    visiting.delete(file);
    modules.set(file, mod);
    order.push(file);
    return mod;
  };
  visit(resolve(entry), true);
  const importLines = (mod) =>
    mod.imports.map((dep) => `const { ${dep.names.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(", ")} } = ${name(dep.file)};\n`).join("");
  const parts = order.map((file) => {
    const mod = modules.get(file);
    if (file === resolve(entry)) return `// www/${mod.file}\n${importLines(mod)}${mod.body}`;
    return `// www/${mod.file}\nconst ${name(file)} = (() => {\n${importLines(mod)}${mod.body}\nreturn { ${mod.exports.join(", ")} };\n})();\n`;
  });
  return { script: parts.join("\n"), files: order.map((f) => relative(root, f)) };
}

export { JoinError };

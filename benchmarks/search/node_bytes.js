/* Runs engine.js of an exported browser index in Node and records, per query, the bytes of
 * every file a fresh page would load (engine.js first), for benchmarks/search/browser_bytes.py.
 *
 * stdin: {"folder": index folder, "queries": [[label, query], ...]}; stdout: JSON rows.
 * Each query gets a fresh context: what a reader's first query costs with an empty cache.
 */
"use strict";

const fs = require("fs");
const vm = require("vm");

function freshPage(folder) {
  const loaded = [];
  const context = vm.createContext({
    console: console,
    MessageChannel: MessageChannel,
    performance: performance,
    atob: atob,
    Blob: Blob,
    DecompressionStream: DecompressionStream,
    Response: Response,
  });
  const run = function (file) {
    loaded.push([file.slice(folder.length), fs.statSync(file).size]);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  };
  context.document = {
    createElement: function () { return {}; },
    head: {
      appendChild: function (script) {
        setImmediate(function () {
          if (!fs.existsSync(script.src)) return script.onerror(new Error("no " + script.src));
          run(script.src);
          script.onload();
        });
      },
    },
  };
  run(folder + "engine.js");
  return { context: context, loaded: loaded };
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const folder = request.folder.replace(/\/?$/, "/");
  const rows = [];
  for (const [label, query] of request.queries) {
    const page = freshPage(folder);
    const engine = await page.context.AgkSearch.open(folder);
    const started = performance.now();
    const result = await engine.search(query, { limit: 6 });
    // The results list shows the first hits' titles: their document files load too.
    await Promise.all(result.hits.map((hit) => engine.document(hit.doc)));
    const ms = performance.now() - started;
    const bytes = page.loaded.reduce((sum, item) => sum + item[1], 0);
    rows.push({ label, query, total: result.total, files: page.loaded.length, bytes, ms,
                partial: !!result.partial, suggestion: result.suggestion || "" });
  }
  process.stdout.write(JSON.stringify(rows));
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(1);
});

/* engine.js of an exported browser index, run in Node for the tests (node_engine.py).
 *
 * stdin:  {"folder": the exported index, "script": "async (engine, input) => …", "input": …}
 * stdout: the JSON of what the script resolves to.
 *
 * engine.js runs unchanged in a vm context, as in a page: its global is the context, and the
 * only browser stand-in is script loading (a <script> appended to document.head runs the file
 * it names in the same context), which is how it loads the Snowball stemmers and data files.
 */
"use strict";

const fs = require("fs");
const vm = require("vm");

function runFile(context, file) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}

function pageContext() {
  // The browser globals engine.js uses besides script loading, as Node provides them.
  const context = vm.createContext({
    console: console,
    MessageChannel: MessageChannel,
    performance: performance,
    atob: atob,
    Blob: Blob,
    DecompressionStream: DecompressionStream,
    Response: Response,
  });
  context.document = {
    createElement: function () {
      return {};
    },
    head: {
      appendChild: function (script) {
        // Asynchronous, as a browser loads a script.
        setImmediate(function () {
          if (!fs.existsSync(script.src)) {
            script.onerror(new Error("no " + script.src));
            return;
          }
          runFile(context, script.src);
          script.onload();
        });
      },
    },
  };
  return context;
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const folder = request.folder.replace(/\/?$/, "/");
  const context = pageContext();
  runFile(context, folder + "engine.js");
  const engine = await context.AgkSearch.open(folder);
  const script = vm.runInContext("(" + request.script + ")", context);
  const result = await script(engine, request.input);
  process.stdout.write(JSON.stringify(result));
}

main().catch(function (error) {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exitCode = 1;
});

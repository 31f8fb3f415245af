/**
 * Preloaded (`node --require`) into the processes of the Agents Playground test (the bot and the
 * Playground server) so that nothing they do reaches another machine: every TCP connection and
 * DNS lookup for a host other than this one is refused before it leaves, and noted (one line per
 * attempt) in the file LOOPBACK_ONLY_LOG names, for the test to report. Unix sockets are left
 * alone. CommonJS, because `--require` runs before any ES module loads.
 */
"use strict";
const dns = require("node:dns");
const fs = require("node:fs");
const net = require("node:net");

const logFile = process.env.LOOPBACK_ONLY_LOG;
const note = (what) => {
  if (logFile) fs.appendFileSync(logFile, `${process.pid} ${what}\n`);
};

function isLoopback(host) {
  const h = String(host ?? "").toLowerCase().replace(/^\[|\]$/g, "");
  return h === "" || h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

function refused(host, port) {
  return Object.assign(new Error(`loopback-only: connection to ${host}:${port} refused (this test must not reach another machine)`), { code: "ECONNREFUSED" });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() (and so http, undici's fetch, pg) hands over its arguments normalised, as one
  // array [options, callback]: read the options from it, or every such call would pass as "localhost".
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first && typeof first === "object" ? first : { port: first, host: typeof args[1] === "string" ? args[1] : undefined };
  if (options.path === undefined && !isLoopback(options.host ?? "localhost")) {
    note(`connect ${options.host}:${options.port}`);
    const error = refused(options.host, options.port);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const cb = typeof options === "function" ? options : callback;
  if (!isLoopback(hostname)) {
    note(`lookup ${hostname}`);
    process.nextTick(() => cb(Object.assign(new Error(`loopback-only: lookup of ${hostname} refused`), { code: "ENOTFOUND", hostname })));
    return {};
  }
  return lookup.apply(this, arguments);
};
const promiseLookup = dns.promises.lookup;
dns.promises.lookup = async function (hostname, options) {
  if (!isLoopback(hostname)) {
    note(`lookup ${hostname}`);
    throw Object.assign(new Error(`loopback-only: lookup of ${hostname} refused`), { code: "ENOTFOUND", hostname });
  }
  return promiseLookup.call(this, hostname, options);
};
for (const name of ["resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveNs", "resolveSrv", "resolveTxt"]) {
  const original = dns[name];
  if (typeof original !== "function") continue;
  dns[name] = function (hostname, ...rest) {
    if (isLoopback(hostname)) return original.call(this, hostname, ...rest);
    const cb = rest.find((a) => typeof a === "function");
    note(`${name} ${hostname}`);
    process.nextTick(() => cb?.(Object.assign(new Error(`loopback-only: ${name} of ${hostname} refused`), { code: "ENOTFOUND", hostname })));
  };
}

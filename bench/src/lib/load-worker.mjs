// gateway.verify load generator: autocannon in a child process, so the load it makes does not
// run on the event loop of the server it measures (performance.md: "under load from autocannon
// on loopback"). Request bodies come from `bodies` in turn (distinct subjects per call).
import autocannon from 'autocannon';

process.once('message', ({ opts, bodies }) => {
  let i = 0;
  const c0 = process.cpuUsage();
  const requests = bodies
    ? [{ method: 'POST', path: opts.path, setupRequest: (r) => ({ ...r, body: bodies[i++ % bodies.length] }) }]
    : undefined;
  autocannon({ ...opts, requests }, (err, r) => {
    if (err) throw err;
    const c = process.cpuUsage(c0);
    // The generator's own CPU per request: it shares the machine's cores with the server.
    const clientCpuUs = Math.round(((c.user + c.system) / Math.max(1, r.requests.total)) * 10) / 10;
    process.send(
      {
        requests: r.requests,
        latency: r.latency,
        errors: r.errors,
        non2xx: r.non2xx,
        timeouts: r.timeouts,
        clientCpuUs,
      },
      () => process.exit(0),
    );
  });
});

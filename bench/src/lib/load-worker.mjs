// gateway.verify load generator: autocannon in a child process, so the load it makes does not
// run on the event loop of the server it measures (performance.md: "under load from autocannon
// on loopback"). Request bodies come from `bodies` in turn (distinct subjects per call).
import autocannon from 'autocannon';

process.once('message', ({ opts, bodies }) => {
  let i = 0;
  const requests = bodies
    ? [{ method: 'POST', path: opts.path, setupRequest: (r) => ({ ...r, body: bodies[i++ % bodies.length] }) }]
    : undefined;
  autocannon({ ...opts, requests }, (err, r) => {
    if (err) throw err;
    process.send(
      { requests: r.requests, latency: r.latency, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts },
      () => process.exit(0),
    );
  });
});

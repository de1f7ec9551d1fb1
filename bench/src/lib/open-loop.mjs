// gateway.verify fixed-rate load (child process): an open-loop generator that starts requests on
// a schedule (rate per second, spread evenly in 1 ms slots) whatever the answers, and measures
// each latency from the moment the request was due, so queueing shows and nothing is omitted.
// autocannon's own fixed rate sends each connection's quota at the start of every second and
// back-fills its histogram with a 1 ms expected interval, which measures burst draining instead.
import http from 'node:http';

process.once('message', ({ url, path, headers, bodies, rate, seconds, maxSockets }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(url);
  const lat = [];
  let errors = 0,
    done = 0,
    i = 0;
  const total = rate * seconds;
  const start = performance.now();
  const send = (due) => {
    const body = bodies[i++ % bodies.length];
    const req = http.request(
      {
        agent,
        hostname,
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          lat.push(performance.now() - due);
          finish();
        });
      },
    );
    req.on('error', () => {
      errors++;
      finish();
    });
    req.end(body);
  };
  const finish = () => {
    if (++done < total) return;
    lat.sort((a, b) => a - b);
    const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
    const wall = (performance.now() - start) / 1000;
    process.send(
      { achieved: done / wall, errors, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: lat[lat.length - 1] ?? 0 },
      () => process.exit(0),
    );
  };
  let sent = 0;
  const tick = () => {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * rate));
    while (sent < due) send(start + (sent++ / rate) * 1000);
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
});

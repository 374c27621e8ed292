"""Benchmarks of the fake IonQ against Stoplight Prism and a bare Flask route.

`make bench` runs `python -m bench`: each server is started on a free port,
loaded with wrk with the same settings, and measured for throughput, latency,
errors, memory and cold start; then the generated client is timed against a
raw httpx loop; then jobs: the Bell job round trip (bench/jobs.py), the
simulator against qiskit-aer and qulacs (bench/engines.py) and a read's p99
while a 24-qubit job simulates; the widest circuit with --widest only; then
noisy jobs on IonQ's aria-1 model against qiskit-aer (bench/noise.py), native
gate counts (bench/compilation.py) and OpenQASM 3 jobs, the parser's cost and
mid-circuit measurement against qiskit-aer (bench/qasm3.py). The numbers land
in bench/results/<date>.json.

Two tools sit beside it: `python -m bench.profile` (pyinstrument over the
fake's request path or its start-up: where the time goes) and `python -m
bench.tune` (candidate servers and worker models under the same load: why
`ionq-mock serve` runs granian the way it does).
"""

"""Jobs: IonQ's `jobs` tag, from the creation body to the results, one concern per module.

    handlers.py    the HTTP handlers of the tag's operations (thin: read, ask, answer)
    creation.py    a creation body as the JobRequest the fake runs; backend aliases
    model.py       Job, JobStatus, and `transition`, the one way a status changes
    document.py    the JSON document of a job
    store.py       JobStore, the interface every reader and writer of jobs goes through
    memory.py      MemoryJobStore: the jobs of one app in memory, bounded
    admission.py   every rule that refuses or fails a job, and its failure
    noise.py       which noise a job runs with: IonQ's named models, a QPU's characterization
    runner.py      JobRunner: dispatch to the lanes, wait for backends, run on the simulator
    simulation.py  one run as data: Task in, Outcome out (picklable, no store, no clock)
    processes.py   a run in a process of its own: killed when canceled, failed when it dies
    mitigated_run.py  which error mitigation applies to a run, and carrying it out
    lanes.py       a queue and the one thread that drains it
    timing.py      how long a QPU job waits and runs on the clock: its Plan
    costs.py       rate cards, a job's cost, GET /jobs/estimate
    outputs/       what a completed job gives back: its results in each of IonQ's
                   formats, its artifacts, compiled circuit and error mitigation report

Nothing is imported here: the handlers need the API's state, which needs
the store and the runner, so each module is imported by its own name.
"""

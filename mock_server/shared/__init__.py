"""State that several processes share: a fake served by many workers, or many hosts.

Each process keeps the whole state in memory, as a single process does, and
a `Replica` (replica.py) keeps it in step with a `SharedLog` (log.py): a
table of entries, each stamped with the revision of the change that wrote
it, kept in SQLite (sqlite.py: one machine, survives restarts) or in Redis
(redis.py: several hosts). A change takes the log's lock, reads what others
changed since, makes its own change in memory, and writes the entries it
touched; a read first reads what changed. The stores' rules stay in one
place, their in-memory implementation, whatever keeps the state.

`url.py` reads `--store URL`; `queue.py` is the work queue on Redis streams
that `ionq-mock worker` takes simulations from.
"""

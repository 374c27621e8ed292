"""What a completed job gives back beyond its status, in IonQ's shapes.

One module a concern: `formats` writes a Result in each of IonQ's result
formats (v1 and v2); `compilation` is the job's circuit in native gates
(`output.compilation`); `mitigation` is error mitigation's report
(`output.error_mitigation`); `artifacts` says which documents a job has and
finds one by its id (`results` and the artifacts endpoint). None of them
stores anything: each renders from the job when asked.
"""

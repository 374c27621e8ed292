"""Sessions: IonQ's `/sessions` operations, a backend's jobs grouped under one id within limits.

    handlers.py  the HTTP handlers of the tag's operations (thin: read, ask, answer)
    model.py     Session, SessionStatus, Limits: what a session is and where it is in its life
    rules.py     every rule that refuses a job a session cannot take, in one place
    store.py     SessionStore: the sessions of one app in memory, and admitting jobs into them
    document.py  the JSON document of a session

The time is the app's one clock (mock_server/api/clock.py), given to the
store. Nothing is imported here, as in the jobs package: each module is imported
by its own name.
"""

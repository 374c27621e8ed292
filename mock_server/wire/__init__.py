"""How the fake's answers look on the wire: IonQ's JSON error body, encoded JSON responses,
CORS, and the records that say why input is refused. Imports Flask, werkzeug and
ionq_contract only: every other part of the fake may use it.
"""

"""Hypothesis profiles shared by every contract test.

`ci` (the default) derandomizes: every run tries the same examples, so a
red build is reproducible and a green one is not luck. Set
`HYPOTHESIS_PROFILE=explore` to draw fresh random examples and hunt for new
failures; commit what they find as explicit examples. Neither has a deadline:
generating and parsing bodies on a loaded CI machine is slow at times, and a
timing failure would say nothing about the contract.
"""

from __future__ import annotations

import os

# Imported before any test runs: the fake loads numpy with its first job, on
# the job runner's thread, and hypothesis looks numpy up in sys.modules while
# it draws; a module still being imported there has no `ndarray` yet.
import numpy  # noqa: F401
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

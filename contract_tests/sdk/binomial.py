"""Tolerances for sampled counts, derived from the sample size and a false-alarm rate.

A count of an outcome of probability p over n independent shots is
Binomial(n, p): mean n·p, standard deviation sqrt(n·p·(1-p)). A check
accepts |count - n·p| <= z·sigma, where z is the two-sided normal quantile
of FALSE_ALARM, i.e. a correct sampler fails one check with probability about
FALSE_ALARM (the normal approximation is good here: every n·p checked is in
the hundreds). With FALSE_ALARM = 1e-6, z = 4.89 and for n = 1000, p = 1/2 the
tolerance is 77 counts. Seeds are fixed wherever the SDK lets the user fix
them, so a pass or a failure is also reproducible; where the sampling is
the fake's own, unseeded (QPU jobs), the false-alarm rate is the real one.

A count an SDK samples on the client from frequencies that were themselves
a draw (a noisy simulator job: the fake serves counts/shots and the SDK
draws its own `shots` from them) varies about twice as much: the fake's
count K is Binomial(n, p), the SDK's is Binomial(n, K/n) given K, so its
variance is E[n·(K/n)(1 - K/n)] + Var(K) = (n - 1)·p(1-p) + n·p(1-p) =
(2n - 1)·p(1-p), the variance of one Binomial(2n - 1, p) draw.
"""

from __future__ import annotations

import math
from statistics import NormalDist

FALSE_ALARM = 1e-6


def tolerance(shots: int, p: float, false_alarm: float = FALSE_ALARM) -> float:
    """How far a Binomial(shots, p) count may be from shots·p at this false-alarm rate."""
    z = NormalDist().inv_cdf(1 - false_alarm / 2)
    return z * math.sqrt(shots * p * (1 - p))


def assert_binomial(count: int, shots: int, p: float, false_alarm: float = FALSE_ALARM) -> None:
    """Fail unless `count` is a plausible Binomial(shots, p) draw."""
    expected = shots * p
    allowed = tolerance(shots, p, false_alarm)
    assert abs(count - expected) <= allowed, (
        f"{count} of {shots} shots, expected {expected:g} ± {allowed:.1f} "
        f"(two-sided false-alarm rate {false_alarm:g})"
    )


def resampled_tolerance(shots: int, p: float, false_alarm: float = FALSE_ALARM) -> float:
    """As `tolerance`, for `shots` client draws from the frequencies of `shots` server shots."""
    return tolerance(2 * shots - 1, p, false_alarm)


def assert_resampled_binomial(
    count: int, shots: int, p: float, false_alarm: float = FALSE_ALARM
) -> None:
    """Fail unless `count` is a plausible resample of a Binomial(shots, p) draw (see above)."""
    expected = shots * p
    allowed = resampled_tolerance(shots, p, false_alarm)
    assert abs(count - expected) <= allowed, (
        f"{count} of {shots} shots drawn again on the client, expected {expected:g} "
        f"± {allowed:.1f} (two-sided false-alarm rate {false_alarm:g})"
    )


def assert_checks_tell_noise_apart(shots: int, p: float) -> None:
    """Fail unless the checks at rate `p` refuse what a wrong fake would give: no errors
    at all (the ideal simulator), in a single draw and resampled, and twice the rate."""
    for wrong, check in (
        (0, assert_binomial),
        (0, assert_resampled_binomial),
        (round(2 * p * shots), assert_resampled_binomial),
    ):
        try:
            check(wrong, shots, p)
        except AssertionError:
            continue
        raise AssertionError(f"{check.__name__} accepts {wrong} of {shots} at rate {p:g}")

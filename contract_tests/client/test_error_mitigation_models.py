"""The generated client reads `output.error_mitigation` in both of IonQ's shapes.

ionq-core's overlay says the service sends `debiasing: false`; IonQ's
description has the object of variants and aggregations. Both parse into
the client's models and write back unchanged.
"""

from __future__ import annotations

import copy
from typing import Any

from ionq_client.models import DebiasingVariants, ErrorMitigationOutput

DESCRIPTOR = {
    "id": "aggregations/average",
    "format": "ionq.result.histogram.json.v2",
    "media_type": "application/json",
}
DEBIASED: dict[str, Any] = {
    "debiasing": {
        "variants": [
            {
                "variant_id": "0",
                "qubit_map": [17, 1],
                "shots": 500,
                "results": {"ionq.result.histogram.json.v2": DESCRIPTOR},
            },
            {"variant_id": "1", "qubit_map": [2, 9], "shots": 500},
        ],
        "aggregation_method": "average",
    },
    "symmetry_verification": {"num_allowed_states": 2, "applied": True},
    "aggregations": {"average": DESCRIPTOR, "voting": {**DESCRIPTOR, "id": "v"}},
}


def test_a_debiased_jobs_output_parses_into_its_variants() -> None:
    parsed = ErrorMitigationOutput.from_dict(copy.deepcopy(DEBIASED))
    assert isinstance(parsed.debiasing, DebiasingVariants)
    assert [v.qubit_map for v in parsed.debiasing.variants] == [[17, 1], [2, 9]]
    assert sum(v.shots for v in parsed.debiasing.variants) == 1000
    assert parsed.to_dict() == DEBIASED


def test_debiasing_false_is_kept_as_false() -> None:
    parsed = ErrorMitigationOutput.from_dict({"debiasing": False})
    assert parsed.debiasing is False
    assert parsed.to_dict() == {"debiasing": False}
